import type { BriefingLibrary } from '../briefing/briefing-library.js';
import type { Choice, CommandContext } from './command.js';

/** Briefings to suggest while an id or topic is typed: id prefix matches first, then search hits, then (nothing typed) the newest. */
export function briefingChoices(library: BriefingLibrary, typed: string, limit = 25): Choice[] {
  // Typed text is a lookup key, not a question: a long paste is cut rather than searched whole.
  const text = typed.trim().toLowerCase().slice(0, 100);
  const found = text ? [...library.list().filter((b) => b.id.startsWith(text)), ...library.search(text, limit)] : library.list();
  const seen = new Set<string>();
  const choices: Choice[] = [];
  for (const b of found) {
    if (seen.has(b.id)) continue;
    seen.add(b.id);
    choices.push({ label: b.title, value: b.id });
    if (choices.length === limit) break;
  }
  return choices;
}

/** The `suggest` hook of options that name a briefing. */
export const suggestBriefings = (typed: string, ctx: CommandContext): Choice[] => briefingChoices(ctx.core.library, typed);
