import { isStopword, lexicon } from '../text/index.js';
import { wordVectors } from '../text/vectors.js';
import type { Features } from './answer-model.js';
import { holdsType, passageKinds, type Span } from './answer-types.js';
import type { BriefingIndex, IndexedPassage } from './briefing-index.js';
import { textWords } from './content-words.js';
import { bindPronouns, type ConversationContext } from './conversation-context.js';
import { fold, foldWords } from './names.js';
import type { Question } from './question.js';
import { indexKeys, keySet, matchStrength, probeKeys, STRENGTH } from './word-keys.js';

/** A question's word, weighed within one briefing. */
interface WeighedWord {
  readonly word: string;
  readonly probe: ReadonlyMap<number, number>;
  /** Its word vector (a phrase's: the mean of its words'), when it has one. */
  readonly vec?: Float32Array;
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
  /** Entities the question names, and how much each weighs (its rarity among the briefing's passages). */
  readonly names: ReadonlySet<number>;
  readonly nameWeights: ReadonlyMap<number, number>;
  /** Entities the conversation supplies (pronouns bound, names carried over). */
  readonly given: ReadonlySet<number>;
  readonly numbers: readonly number[];
  readonly strangeName: boolean;
  /**
   * A numbered name the question uses that this briefing does not have ("Dock 301" beside Dock 101
   * and Dock 201), or has but the passage does not say: the rule that numbers in names match exactly.
   */
  readonly unknownNumbered: boolean;
  readonly numberedNames: readonly number[];
  /** What the conversation carries, when this is a follow-up. */
  readonly context?: { readonly words: readonly WeighedWord[]; readonly entities: ReadonlySet<number>; readonly last?: ConversationContext['last'] };
  readonly followUp: boolean;
  /** The briefing's routing share (1 for the best-routed briefing). */
  readonly route: number;
}

/**
 * Typed names may be a letter off ("bolsanaro", "martines"): close enough, but only for a word that
 * is not itself English ("that" is not a misspelt "Thai").
 */
function sameName(typed: string, known: string): boolean {
  if (typed.length < 5 || known.length < 5 || /\d/.test(typed) || /\d/.test(known)) return false;
  if (isStopword(typed) || lexicon().has(typed)) return false;
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
    const vec = vectorOf(word);
    return { word, probe, weight: weight * index.idf(df), known, ...(vec ? { vec } : {}) };
  };
  const own = q.words.filter((w) => !inName(w.start, w.end) && w.value === undefined);
  const words = own.map((w) => weigh(w.word, w.weight));
  const asked = own.findIndex((w) => w.asked);
  // The thing asked for: the measure a "how deep" question names, else its heaviest word that is not
  // light, a name or a number ("population" in "what is the population of Niger").
  let focusAt = asked;
  if (focusAt < 0) for (const [i, w] of words.entries()) if (!own[i]?.light && (focusAt < 0 || w.weight > (words[focusAt] as WeighedWord).weight)) focusAt = i;
  // Ordinals ("2nd", "26th") are written out as often as not ("second"): they are not numbers to find.
  const numbers = q.numbers.filter((n) => !inName(n.start, n.end) && !/\d(st|nd|rd|th)\b/i.test(q.corrected.slice(n.start, n.end))).map((n) => n.value);
  // "dock 301" where the briefing has only Dock 101 and Dock 201 names something it does not have.
  const numberedNames: number[] = [];
  let unknownNumbered = false;
  for (const n of q.numbers) {
    const before = /([\p{L}-]+)\s+$/u.exec(q.corrected.slice(0, n.start))?.[1]?.toLowerCase();
    const family = before ? index.numbered.get(before) : undefined;
    if (!family) continue;
    if (family.has(n.value)) numberedNames.push(n.value);
    else unknownNumbered = true;
  }
  const strangeName =
    unknownNumbered ||
    q.capitalised.some((run) =>
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
  // A pronoun stands for the name it binds to: "what happened to him" asks about Georgelin.
  for (const id of given) names.add(id);
  // A name weighs what a rare word does: the fewer passages mention it, the more it tells them apart.
  const nameWeights = new Map([...names].map((id) => [id, index.idf(index.mentioning(id).length)]));
  return {
    index,
    question: q,
    words,
    ...(focusAt >= 0 ? { focus: words[focusAt] as WeighedWord } : {}),
    names,
    nameWeights,
    given,
    numbers,
    strangeName,
    unknownNumbered,
    numberedNames,
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

/** 1 when the passage names it (or is its entry), half when only the sentence before it does. */
function nameMatch(id: number, p: IndexedPassage): number {
  if (p.mentions.has(id) || p.subject === id || p.phrasingMentions.some((m) => m.has(id))) return 1;
  return p.aroundMentions.has(id) ? 0.5 : 0;
}

function wordMatch(w: WeighedWord, p: IndexedPassage): number {
  let s = matchStrength(w.probe, p.own);
  for (const k of p.phrasings) s = Math.max(s, matchStrength(w.probe, k));
  if (s < 1) s = Math.max(s, 0.5 * matchStrength(w.probe, p.around));
  if (s < SOFT_MAX && w.vec) s = Math.max(s, softMatch(w.vec, p));
  return s;
}

/** The most a near-synonym by word vectors alone counts: less than a WordNet synonym. */
const SOFT_MAX = 0.75;
/** Cosine → strength: 0.5 counts nothing, 0.875 and above counts SOFT_MAX. */
function soft(cos: number): number {
  return Math.max(0, Math.min(SOFT_MAX, (cos - 0.5) * 2));
}

function softMatch(vec: Float32Array, p: IndexedPassage): number {
  let best = 0;
  for (const w of passageWords(p)) if (w.vec) best = Math.max(best, soft(dotF(vec, w.vec)));
  return best;
}

function dotF(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** A word's or phrase's unit vector as floats; undefined when none of its words has one. */
function vectorOf(word: string): Float32Array | undefined {
  const vectors = wordVectors();
  const parts = word
    .split(' ')
    .map((w) => vectors.vector(w))
    .filter((v): v is Int8Array => v !== undefined);
  if (parts.length === 0) return undefined;
  const out = new Float32Array(vectors.dims);
  for (const v of parts) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (v[i] as number) / 127;
  const norm = Math.hypot(...out) || 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}

function share(words: readonly WeighedWord[], p: IndexedPassage, names?: ReadonlyMap<number, number>): number {
  let total = 0;
  let got = 0;
  for (const w of words) {
    total += w.weight;
    got += w.weight * wordMatch(w, p);
  }
  // The names a question uses are words to find as well, matched as whole names.
  for (const [id, weight] of names ?? []) {
    total += weight;
    got += weight * nameMatch(id, p);
  }
  return total > 0 ? got / total : 0;
}

/** The rule no weight outweighs: a numbered name must be the one the question names. */
export function violatesNumberedName(r: Reading, p: IndexedPassage): boolean {
  return r.unknownNumbered || r.numberedNames.some((n) => !p.numbers.includes(n));
}

export function featuresOf(r: Reading, p: IndexedPassage): Features {
  const meaningful = r.words.filter((w) => w.weight > 0);
  const total = meaningful.reduce((s, w) => s + w.weight, 0);
  const nameTotal = [...r.nameWeights.values()].reduce((s, w) => s + w, 0);
  const unknown = total + nameTotal > 0 ? meaningful.filter((w) => !w.known).reduce((s, w) => s + w.weight, 0) / (total + nameTotal) : 0;
  const named = new Set([...p.mentions, ...p.aroundMentions, ...p.phrasingMentions.flatMap((m) => [...m])]);
  const missing = [...r.names].reduce((s, id) => s + 1 - nameMatch(id, p), 0);
  const numberMissing = r.numbers.some((n) => !p.numbers.some((m) => Math.abs(m - n) < 1e-9)) ? 1 : 0;
  let typeMissing = 0;
  if (r.question.type) {
    const kinds = passageKinds(p, r.index.names);
    // Near the thing asked about: its focus word, or else the names it asks about ("how many of *them*").
    const near = r.focus ? focusSpans(p, r.focus.probe) : p.spans.filter((s) => r.names.has(s.entity));
    // "Where is X?" and "Who is X?" are answered by X's own entry, which says what and where X is.
    const ownEntry = p.subject !== undefined && r.names.has(p.subject) && (r.question.type === 'place' || r.question.type === 'agent');
    typeMissing = ownEntry || holdsType(r.question.type, kinds, { numbers: r.numbers, entities: new Set([...r.names, ...r.given]) }, near) ? 0 : 1;
  }
  let focusMissing = 0;
  let focusLoose = 0;
  if (r.focus) {
    let s = matchStrength(r.focus.probe, p.own);
    for (const k of p.phrasings) s = Math.max(s, matchStrength(r.focus.probe, k));
    if (s < STRENGTH.hypernym) focusMissing = 1;
    else if (s < STRENGTH.synonym) focusLoose = 1;
  }
  // How closely the question says what one of a curated pair's phrasings says: weighted recall of the
  // question's words and names in the phrasing, and the share of the phrasing's words and names it uses.
  let phrasing = 0;
  if (p.passage.kind === 'qa' && total + nameTotal > 0) {
    for (const [i, keys] of p.phrasings.entries()) {
      const mentioned = p.phrasingMentions[i] ?? new Set<number>();
      const names = [...r.nameWeights].filter(([id]) => mentioned.has(id));
      const got = meaningful.reduce((s, w) => s + w.weight * matchStrength(w.probe, keys), 0) + names.reduce((s, [, w]) => s + w, 0);
      const recall = got / (total + nameTotal);
      const hits = meaningful.filter((w) => matchStrength(w.probe, keys) >= STRENGTH.related).length + names.length;
      const precision = Math.min(1, hits / Math.max(1, p.phrasingSizes[i] ?? 1));
      phrasing = Math.max(phrasing, recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0);
    }
  }
  const ownCoverage = share(meaningful, p, r.nameWeights);
  const hits = meaningful.filter((w) => matchStrength(w.probe, p.own) >= STRENGTH.related).length + [...r.names].filter((id) => p.mentions.has(id)).length;
  const precision = Math.min(1, hits / Math.max(1, p.size));
  let contextCoverage = 0;
  const contextOnly = r.followUp && meaningful.every((w) => w.weight < 1) ? 1 : 0;
  if (r.context) {
    const entities = [...r.context.entities];
    const entityHits = entities.filter((id) => named.has(id)).length;
    const wordShare = share(r.context.words, p);
    const parts = (entities.length > 0 ? 1 : 0) + (r.context.words.length > 0 ? 1 : 0);
    contextCoverage = parts === 0 ? 0 : ((entities.length > 0 ? entityHits / entities.length : 0) + (r.context.words.length > 0 ? wordShare : 0)) / parts;
  }
  let heaviest = 0;
  let heaviestMissing = 0;
  for (const w of meaningful) {
    heaviest = Math.max(heaviest, w.weight);
    heaviestMissing = Math.max(heaviestMissing, w.weight * (1 - wordMatch(w, p)));
  }
  for (const [id, weight] of r.nameWeights) {
    heaviest = Math.max(heaviest, weight);
    heaviestMissing = Math.max(heaviestMissing, weight * (1 - nameMatch(id, p)));
  }
  const last = r.context?.last;
  const repeat = last && (last.qaId ? last.qaId === p.passage.qaId : last.text === p.passage.text) ? 1 : 0;
  const coverage = meaningful.length > 0 || r.names.size > 0 ? ownCoverage : contextCoverage;
  return {
    coverage,
    precision,
    heaviestMissing: heaviest > 0 ? heaviestMissing / heaviest : 0,
    unknown,
    namesMissing: r.names.size > 0 ? missing / r.names.size : 0,
    strangeName: r.strangeName ? 1 : 0,
    numberMissing,
    typeMissing,
    focusMissing,
    focusLoose,
    phrasing,
    phrasingClose: Math.max(0, phrasing - 0.5) * 2,
    coverageFull: Math.max(0, coverage - 0.8) * 5,
    subject: p.subject !== undefined && r.names.has(p.subject) ? 1 : 0,
    curated: p.passage.kind === 'qa' ? 1 : 0,
    contextOnly,
    contextCoverage,
    repeat,
    route: r.route,
  };
}

interface PassageWord extends Span {
  readonly keys: Int32Array;
  readonly vec?: Float32Array;
  /** From a Q&A pair's phrasing, not from the text shown. */
  readonly phrasing: boolean;
}

const wordsOf = new WeakMap<IndexedPassage, PassageWord[]>();
/** A candidate passage's words one by one, worked out the first time it is a candidate. */
function passageWords(p: IndexedPassage): PassageWord[] {
  let words = wordsOf.get(p);
  if (!words) {
    const read = (text: string, phrasing: boolean) =>
      textWords(text).words.map((w) => {
        const vec = vectorOf(w.word);
        return { start: w.start, end: w.end, keys: keySet(indexKeys(w.word)), phrasing, ...(vec ? { vec } : {}) };
      });
    words = [...read(p.passage.text, false), ...(p.passage.phrasings ?? []).flatMap((q) => read(q, true))];
    wordsOf.set(p, words);
  }
  return words;
}

/** Where in the passage's own text the focus is said (word spans whose keys meet its probe). */
function focusSpans(p: IndexedPassage, probe: ReadonlyMap<number, number>): Span[] {
  return passageWords(p).filter((w) => !w.phrasing && matchStrength(probe, w.keys) >= STRENGTH.hypernym);
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
