import { annotate, lexicon, parseQuantity } from '../text/index.js';
import type { IndexedPassage } from './briefing-index.js';
import type { NameIndex } from './names.js';

/**
 * The kind of answer a question asks for, read from its question words ("how many" → a count), and
 * whether a passage holds one. A passage's kinds come from wink-nlp's entity annotations (DATE,
 * DURATION, CARDINAL, MONEY, PERCENT) and from the briefing's own names (who's who → people and
 * organisations, places → places), computed the first time the passage is a candidate.
 */
export type AnswerType = 'count' | 'money' | 'quantity' | 'percent' | 'date' | 'duration' | 'agent' | 'place' | 'reason';

const QUESTION_START = new Set(['who', 'whom', 'whose', 'what', 'which', 'when', 'where', 'why', 'how']);
const MONEY_WORDS = new Set([
  'cost',
  'costs',
  'pay',
  'paid',
  'spend',
  'spent',
  'price',
  'worth',
  'money',
  'fund',
  'funding',
  'raise',
  'raised',
  'fine',
  'fined',
  'charge',
  'budget',
  'sell',
  'sold',
  'buy',
  'bought',
  'value',
  'valued',
  'loss',
  'lost',
  'earn',
  'earned',
]);
const SIZE_WORDS = new Set(['big', 'large', 'tall', 'high', 'deep', 'far', 'wide', 'heavy', 'fast', 'long', 'small', 'strong', 'hot', 'cold']);
const PLACE_NOUNS = new Set([
  'country',
  'countries',
  'city',
  'cities',
  'town',
  'towns',
  'region',
  'state',
  'province',
  'island',
  'village',
  'continent',
  'place',
  'port',
  'area',
  'capital',
  'nation',
  'location',
  'venue',
  'stadium',
  'airport',
  'district',
  'neighbourhood',
  'neighborhood',
]);
const AGENT_NOUNS = new Set([
  'person',
  'people',
  'company',
  'companies',
  'team',
  'group',
  'organisation',
  'organization',
  'firm',
  'bank',
  'agency',
  'party',
  'club',
  'player',
  'man',
  'woman',
  'official',
  'leader',
  'president',
  'minister',
  'body',
  'authority',
  'regulator',
  'side',
  'nation',
]);
const DATE_NOUNS = new Set(['year', 'date', 'day', 'month', 'time', 'week', 'decade', 'century']);
const PERCENT_NOUNS = new Set(['percentage', 'percent', 'proportion', 'share']);
const REASON_NOUNS = new Set(['reason', 'cause', 'motive', 'why']);
const CAUSE_VERBS = new Set(['caused', 'cause', 'prompted', 'triggered', 'sparked']);

export interface QuestionForm {
  readonly type?: AnswerType;
  /** Index of the first word after the question phrase ("how many" in "how many troops…" → the index of "troops"). */
  readonly after: number;
}

/** The answer type a question asks for, from its lower-cased words (shorthand already expanded). */
export function questionForm(words: readonly string[]): QuestionForm {
  const k = words.findIndex((w) => QUESTION_START.has(w));
  const next = (i: number) => words[k + i];
  if (k < 0) {
    // "name the …", "tell me the number of …": imperatives with the same force.
    const n = words.indexOf('number');
    if (n >= 0 && words[n + 1] === 'of') return { type: 'count', after: n + 2 };
    return { after: 0 };
  }
  const w = words[k];
  if (w === 'how') {
    const m = next(1);
    if (m === 'many') return { type: 'count', after: k + 2 };
    if (m === 'much') return { type: words.some((x) => MONEY_WORDS.has(x)) ? 'money' : 'quantity', after: k + 2 };
    if (m === 'long') return { type: 'duration', after: k + 2 };
    if (m === 'old') return { type: 'count', after: k + 2 };
    if (m === 'soon' || m === 'often') return { type: m === 'soon' ? 'duration' : 'count', after: k + 2 };
    if (m !== undefined && SIZE_WORDS.has(m)) return { type: 'quantity', after: k + 2 };
    return { after: k + 1 };
  }
  if (w === 'when') return { type: 'date', after: k + 1 };
  if (w === 'where') return { type: 'place', after: k + 1 };
  if (w === 'why') return { type: 'reason', after: k + 1 };
  if (w === 'who' || w === 'whom' || w === 'whose') return { type: 'agent', after: k + 1 };
  // what / which (+ noun); "what is the name…", "what was his name"
  const determiner = (w: string | undefined) => w === 'the' || w === 'his' || w === 'her' || w === 'their' || w === 'its';
  const noun = next(1) === 'is' || next(1) === 'was' ? (determiner(next(2)) ? next(3) : undefined) : next(1);
  const at = next(1) === 'is' || next(1) === 'was' ? k + 4 : k + 2;
  if (noun === 'name' && words[at] !== 'of') return { type: 'agent', after: at };
  if (noun !== undefined) {
    if (DATE_NOUNS.has(noun)) return { type: 'date', after: at };
    if (PLACE_NOUNS.has(noun)) return { type: 'place', after: at };
    if (PERCENT_NOUNS.has(noun)) return { type: 'percent', after: at };
    if (REASON_NOUNS.has(noun)) return { type: 'reason', after: at };
    if (noun === 'number' && words[at] === 'of') return { type: 'count', after: at + 1 };
    if (noun === 'name' && words[at] === 'of') return { type: 'agent', after: at + 1 };
    if (AGENT_NOUNS.has(noun)) return { type: 'agent', after: at };
  }
  if (next(1) !== undefined && CAUSE_VERBS.has(next(1) as string)) return { type: 'reason', after: k + 2 };
  return { after: k + 1 };
}

/** Where in the passage's text something is. */
export interface Span {
  readonly start: number;
  readonly end: number;
}
interface Item extends Span {
  readonly value: number;
}

/** What a passage holds, by kind, with where. */
export interface PassageKinds {
  readonly dates: boolean;
  readonly durations: boolean;
  readonly money: readonly Item[];
  readonly percents: readonly Item[];
  /** Numbers outside names, dates, money and percentages: what counts answer "how many". */
  readonly counts: readonly Item[];
  /** Entity ids (value) of people and organisations, places and other names; -1 for a nationality. */
  readonly agents: readonly Item[];
  readonly places: readonly Item[];
  readonly otherNames: readonly Item[];
  readonly reason: boolean;
}

const REASON_CUE =
  /\b(because|due to|owing to|as a result|in response to|in protest|after|following|amid|since|in order to|so that|over (?:fears|concerns|claims)|caused by|led to|triggered|prompted|blamed)\b/i;
const DURATION_CUE =
  /\b(until|since|for (?:about |nearly |more than |almost )?(?:\d|a |an |one|two|three|four|five|six|seven|eight|nine|ten|several|many))|\bfrom\b.*\b(to|until)\b/i;

const kinds = new WeakMap<IndexedPassage, PassageKinds>();

export function passageKinds(p: IndexedPassage, names: NameIndex): PassageKinds {
  let k = kinds.get(p);
  if (k) return k;
  const text = p.passage.text;
  const a = annotate(text);
  // A number that ends inside a name is part of it ("Airbase 201").
  const inName = (_start: number, end: number) => p.spans.some((s) => end > s.start && end <= s.end);
  const money: Item[] = [];
  const percents: Item[] = [];
  const counts: Item[] = [];
  let dates = p.passage.kind === 'timeline';
  let durations = false;
  for (const e of a.entities) {
    if (inName(e.start, e.end) && (e.type === 'CARDINAL' || e.type === 'ORDINAL')) continue;
    const q = parseQuantity(e.text);
    const item = { value: q?.value ?? Number.NaN, start: e.start, end: e.end };
    const year = /\b(1[5-9]|20)\d{2}\b/.test(e.text);
    if (e.type === 'DATE' || e.type === 'TIME') dates = true;
    else if (e.type === 'DURATION') {
      durations = true;
      // "Since 2018" is a span, and it also says when.
      if (year) dates = true;
    } else if (e.type === 'CARDINAL' && year && /^\d{4}$/.test(e.text)) dates = true;
    else if (e.type === 'MONEY' || (e.type === 'CARDINAL' && q?.unit === 'money')) money.push(item);
    else if (e.type === 'PERCENT' || (e.type === 'CARDINAL' && q?.unit === 'percent')) percents.push(item);
    else if (e.type === 'CARDINAL') counts.push(item);
  }
  const agents: Item[] = [];
  const places: Item[] = [];
  const otherNames: Item[] = [];
  for (const s of p.spans) {
    const kind = names.entity(s.entity).kind;
    (kind === 'agent' ? agents : kind === 'place' ? places : otherNames).push({ value: s.entity, start: s.start, end: s.end });
  }
  // "British divers", "a French architect": a nationality says where from.
  const lx = lexicon();
  for (const w of a.words) {
    if (/^\p{Lu}/u.test(w.text) && w.pos === 'ADJ' && lx.related(w.text.toLowerCase(), 'a', { pointer: '\\' }).some((pl) => lx.isA(pl, ['location']))) {
      places.push({ value: -1, start: w.start, end: w.end });
    }
  }
  k = { dates, durations: durations || DURATION_CUE.test(text), money, percents, counts, agents, places, otherNames, reason: REASON_CUE.test(text) };
  kinds.set(p, k);
  return k;
}

/** How far (in characters) an answer may sit from the word it answers for: "twelve *boys*", "*doctor* Pak Loharnshoon". */
const NEAR = 60;

/**
 * Whether the passage holds an answer of the type asked, other than what the question itself gives
 * (its numbers, the entities it names or the conversation supplies). With `near` (where the passage
 * says the thing asked about), a count, sum, name or place must stand close to it: "how many bells"
 * is not answered by "one of the two towers … holds the bells".
 */
export function holdsType(
  type: AnswerType,
  k: PassageKinds,
  given: { numbers: readonly number[]; entities: ReadonlySet<number> },
  near?: readonly Span[],
): boolean {
  const close = (x: Item) => !near || near.length === 0 || near.some((n) => x.start < n.end + NEAR && x.end > n.start - NEAR);
  const fresh = (xs: readonly Item[]) => xs.some((x) => !given.numbers.includes(x.value) && close(x));
  const newEntity = (xs: readonly Item[]) => xs.some((x) => !given.entities.has(x.value) && close(x));
  switch (type) {
    case 'count':
      return fresh(k.counts);
    case 'money':
      return k.money.some(close);
    case 'quantity':
      return fresh(k.counts) || k.money.some(close) || k.percents.some(close);
    case 'percent':
      return k.percents.some(close);
    case 'date':
      return k.dates;
    case 'duration':
      return k.durations;
    case 'agent':
      return newEntity(k.agents) || newEntity(k.otherNames);
    case 'place':
      return newEntity(k.places);
    case 'reason':
      return k.reason;
  }
}
