import type { EntityKind } from './names.js';

/**
 * What a follow-up inherits: the last answered turn only ("the latest turn's subject wins"). Plain
 * JSON, kept in the store between turns and across replicas; names, not index positions, so it
 * survives a briefing being reloaded.
 */
export interface ConversationContext {
  readonly briefingId: string;
  /** The last question's own content words (base forms as typed). */
  readonly words: readonly string[];
  /** Names the last question used or pointed at, as the briefing writes them. */
  readonly names: readonly string[];
  /** Names the last answer gave, in the order it gives them, with their kinds. */
  readonly answerNames: readonly { readonly name: string; readonly kind: EntityKind }[];
  /** The last answer, so a follow-up is not answered with it again. */
  readonly last?: { readonly section: string; readonly qaId?: string; readonly text: string };
}

const PERSON = new Set(['he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself']);
const GROUP = new Set(['they', 'them', 'their', 'theirs', 'themselves', 'these', 'those']);
const THING = new Set(['it', 'its', 'itself', 'that', 'this']);
const PLACE = new Set(['there', 'here']);

/**
 * The names the question's pronouns point at: "he"/"she" the last person or organisation named (the
 * answer's first, else the question's), "there" the last place, "they" the answer's subject, "it"/"that"
 * what the last question was about.
 */
export function bindPronouns(pronouns: readonly string[], context: ConversationContext): string[] {
  const out: string[] = [];
  const firstOf = (kinds: readonly EntityKind[]) => context.answerNames.find((n) => kinds.includes(n.kind))?.name;
  for (const p of pronouns) {
    let bound: string | undefined;
    if (PERSON.has(p)) bound = firstOf(['agent', 'name']) ?? context.names[0];
    else if (GROUP.has(p)) bound = firstOf(['agent']) ?? context.names[0] ?? context.answerNames[0]?.name;
    else if (PLACE.has(p)) bound = firstOf(['place']) ?? context.names[0];
    else if (THING.has(p)) bound = context.names[0] ?? context.answerNames.find((n) => n.kind !== 'agent')?.name ?? context.answerNames[0]?.name;
    if (bound && !out.includes(bound)) out.push(bound);
  }
  return out;
}
