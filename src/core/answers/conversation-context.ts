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

export function emptyContext(briefingId: string): ConversationContext {
  return { briefingId, words: [], names: [], answerNames: [] };
}

/**
 * The context as the store gives it back: JSON of this shape, or of an older one (a conversation
 * started before an upgrade), which keeps its briefing and loses what it cannot read.
 */
export function contextFrom(json: unknown): ConversationContext | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  if (typeof o.briefingId !== 'string') return undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const answerNames = Array.isArray(o.answerNames)
    ? o.answerNames.filter(
        (n): n is { name: string; kind: EntityKind } =>
          typeof n === 'object' &&
          n !== null &&
          typeof (n as { name?: unknown }).name === 'string' &&
          ['agent', 'place', 'name'].includes((n as { kind?: string }).kind ?? ''),
      )
    : [];
  const last = o.last as ConversationContext['last'] | undefined;
  return {
    briefingId: o.briefingId,
    words: strings(o.words),
    names: strings(o.names),
    answerNames,
    ...(last && typeof last === 'object' && typeof last.section === 'string' && typeof last.text === 'string' ? { last } : {}),
  };
}
