import type { Features } from './answer-model.js';
import { holdsType, passageKinds } from './answer-types.js';
import type { BriefingIndex, IndexedPassage } from './briefing-index.js';
import { bindPronouns, type ConversationContext } from './conversation-context.js';
import { fold, foldWords } from './names.js';
import type { Question } from './question.js';
import { matchStrength, probeKeys, STRENGTH } from './word-keys.js';

/** A question's word, weighed within one briefing. */
interface WeighedWord {
  readonly word: string;
  readonly probe: ReadonlyMap<number, number>;
  readonly weight: number;
  /** The briefing has it (or a synonym) somewhere. */
  readonly known: boolean;
}

/** A question read against one briefing: its names resolved, its words weighed by their rarity there. */
export interface Reading {
  readonly index: BriefingIndex;
  readonly question: Question;
  readonly words: readonly WeighedWord[];
  readonly focus?: WeighedWord;
  /** Entities the question names. */
  readonly names: ReadonlySet<number>;
  /** Entities the conversation supplies (pronouns bound, names carried over). */
  readonly given: ReadonlySet<number>;
  readonly numbers: readonly number[];
  readonly strangeName: boolean;
  /** What the conversation carries, when this is a follow-up. */
  readonly context?: { readonly words: readonly WeighedWord[]; readonly entities: ReadonlySet<number>; readonly last?: ConversationContext['last'] };
  readonly followUp: boolean;
  /** The briefing's routing share (1 for the best-routed briefing). */
  readonly route: number;
}

/** Typed names may be a letter off ("bolsanaro", "notre dam"): close enough when the rest of the name matched. */
function sameName(typed: string, known: string): boolean {
  if (typed.length < 4 || known.length < 4 || /\d/.test(typed) || /\d/.test(known)) return false;
  if (typed[0] !== known[0]) return false;
  return osa(typed, known) <= (known.length >= 8 ? 2 : 1);
}

export function readIn(index: BriefingIndex, q: Question, route: number, context?: ConversationContext, followUp = false): Reading {
  const folded = q.nameWords;
  const mentions = index.names.find(
    folded.map((w) => w.word),
    sameName,
  );
  const names = new Set(mentions.map((m) => m.entity));
  const spans = mentions.map((m) => ({ start: folded[m.start]?.start ?? 0, end: folded[m.end - 1]?.end ?? 0 }));
  const inName = (start: number, end: number) => spans.some((s) => start < s.end && end > s.start);
  const weigh = (word: string, weight: number): WeighedWord => {
    const probe = probeKeys(word);
    const strong = [...probe].filter(([, s]) => s >= STRENGTH.synonym).map(([k]) => k);
    const df = index.documentFrequency(strong);
    const known = df > 0 || index.documentFrequency(probe.keys()) > 0;
    return { word, probe, weight: weight * index.idf(df), known };
  };
  const own = q.words.filter((w) => !inName(w.start, w.end) && w.value === undefined);
  const words = own.map((w) => weigh(w.word, w.weight));
  // The thing asked for: the first word after the question phrase that is not light, a name or a number.
  const focusAt = own.findIndex((w) => !w.light);
  const numbers = q.numbers.filter((n) => !inName(n.start, n.end)).map((n) => n.value);
  const strangeName = q.capitalised.some((run) =>
    foldWords(run).some((w) => !index.vocabulary.has(w.word) && !index.names.entities.some((e) => e.forms.some((f) => f.includes(w.word)))),
  );
  let ctx: Reading['context'];
  const given = new Set<number>();
  if (context && followUp) {
    const byName = (n: string) => index.names.entities.find((e) => e.name === n)?.id;
    for (const n of bindPronouns(q.pronouns, context)) {
      const id = byName(n);
      if (id !== undefined) given.add(id);
    }
    const carried = new Set(given);
    for (const n of context.names) {
      const id = byName(n);
      if (id !== undefined) carried.add(id);
    }
    ctx = {
      words: context.words.filter((w) => !own.some((o) => o.word === w)).map((w) => weigh(w, 0.6)),
      entities: carried,
      ...(context.last ? { last: context.last } : {}),
    };
  }
  return {
    index,
    question: q,
    words,
    ...(focusAt >= 0 ? { focus: words[focusAt] as WeighedWord } : {}),
    names,
    given,
    numbers,
    strangeName,
    ...(ctx ? { context: ctx } : {}),
    followUp,
    route,
  };
}

/** Candidate passages: those sharing a word key or a name with the question, or with what the conversation carries. */
export function candidatesOf(r: Reading): number[] {
  const keys: number[] = [];
  for (const w of [...r.words, ...(r.context?.words ?? [])]) for (const [k, s] of w.probe) if (s >= STRENGTH.hypernym) keys.push(k);
  const found = r.index.candidates(keys);
  for (const id of [...r.names, ...r.given, ...(r.context?.entities ?? [])]) for (const p of r.index.mentioning(id)) found.add(p);
  return [...found];
}

function wordMatch(w: WeighedWord, p: IndexedPassage): number {
  let s = matchStrength(w.probe, p.own);
  for (const k of p.phrasings) s = Math.max(s, matchStrength(w.probe, k));
  if (s < 1) s = Math.max(s, 0.5 * matchStrength(w.probe, p.around));
  return s;
}

function share(words: readonly WeighedWord[], p: IndexedPassage): number {
  let total = 0;
  let got = 0;
  for (const w of words) {
    total += w.weight;
    got += w.weight * wordMatch(w, p);
  }
  return total > 0 ? got / total : 0;
}

export function featuresOf(r: Reading, p: IndexedPassage): Features {
  const meaningful = r.words.filter((w) => w.weight > 0);
  const total = meaningful.reduce((s, w) => s + w.weight, 0);
  const unknown = total > 0 ? meaningful.filter((w) => !w.known).reduce((s, w) => s + w.weight, 0) / total : 0;
  const named = new Set([...p.mentions, ...p.aroundMentions, ...p.phrasingMentions.flatMap((m) => [...m])]);
  const missing = [...r.names].filter((id) => !named.has(id)).length;
  const numberMissing = r.numbers.some((n) => !p.numbers.some((m) => Math.abs(m - n) < 1e-9)) ? 1 : 0;
  let typeMissing = 0;
  if (r.question.type) {
    const kinds = passageKinds(p, r.index.names);
    typeMissing = holdsType(r.question.type, kinds, { numbers: r.numbers, entities: new Set([...r.names, ...r.given]) }) ? 0 : 1;
  }
  let focusMissing = 0;
  let focusLoose = 0;
  if (r.focus) {
    let s = matchStrength(r.focus.probe, p.own);
    for (const k of p.phrasings) s = Math.max(s, matchStrength(r.focus.probe, k));
    if (s < STRENGTH.hypernym) focusMissing = 1;
    else if (s < STRENGTH.synonym) focusLoose = 1;
  }
  let phrasing = 0;
  if (p.passage.kind === 'qa' && meaningful.length > 0) {
    for (const [i, keys] of p.phrasings.entries()) {
      const recall = meaningful.reduce((s, w) => s + w.weight * matchStrength(w.probe, keys), 0) / total;
      const size = p.phrasingSizes[i] ?? 1;
      const hits = meaningful.filter((w) => matchStrength(w.probe, keys) >= STRENGTH.related).length;
      const precision = Math.min(1, hits / Math.max(1, size));
      phrasing = Math.max(phrasing, recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0);
    }
  }
  const ownCoverage = share(meaningful, p);
  let contextCoverage = 0;
  const contextOnly = r.followUp && meaningful.every((w) => w.weight < 1) ? 1 : 0;
  if (r.context) {
    const entities = [...r.context.entities];
    const entityHits = entities.filter((id) => named.has(id)).length;
    const wordShare = share(r.context.words, p);
    const parts = (entities.length > 0 ? 1 : 0) + (r.context.words.length > 0 ? 1 : 0);
    contextCoverage = parts === 0 ? 0 : ((entities.length > 0 ? entityHits / entities.length : 0) + (r.context.words.length > 0 ? wordShare : 0)) / parts;
  }
  const last = r.context?.last;
  const repeat = last && (last.qaId ? last.qaId === p.passage.qaId : last.text === p.passage.text) ? 1 : 0;
  return {
    coverage: meaningful.length > 0 ? ownCoverage : contextCoverage,
    unknown,
    namesMissing: r.names.size > 0 ? missing / r.names.size : 0,
    strangeName: r.strangeName ? 1 : 0,
    numberMissing,
    typeMissing,
    focusMissing,
    focusLoose,
    phrasing,
    subject: p.subject !== undefined && r.names.has(p.subject) ? 1 : 0,
    curated: p.passage.kind === 'qa' ? 1 : 0,
    contextOnly,
    contextCoverage,
    repeat,
    route: r.route,
  };
}

/** Optimal string alignment distance: an adjacent swap is one edit. */
export function osa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

export { fold };
