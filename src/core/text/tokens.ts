import { isStopword } from './stopwords.js';

export interface Token {
  /** As written. */
  readonly text: string;
  /** Lower-cased, apostrophes normalised (’ → '), possessive 's or plural ' dropped: "Russia's" → "russia". */
  readonly lower: string;
  /** Offsets in the input, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly kind: 'word' | 'number' | 'symbol';
  /** First letter upper-case (so all caps too: "NASA", "US"). */
  readonly capitalized: boolean;
  /** First word of a sentence, where capitalisation says little. */
  readonly sentenceStart: boolean;
}

const CURRENCY = '[$£€¥₹]';
/**
 * One token per match, tried in this order:
 * - numbers: an optional currency ("$", "US$"), digits with "," or "." groups ("1,000", "1.5"), ranges and
 *   scores joined by "-", "–" or "/" ("3-0", "2020-21", "24/7"), then "%" or a letter suffix ("$100m", "1990s", "21st")
 *   and a possessive ("2024's");
 * - dotted abbreviations ("U.S.", "e.g."), keeping their final dot;
 * - words: letters then letters or digits ("G7"), with inner apostrophes ("O'Brien", "don't"), joined by
 *   hyphens ("well-known", "Covid-19") or "&" ("AT&T"), and a plural possessive's trailing apostrophe ("soldiers'");
 * - any other single non-space character.
 */
const TOKEN = new RegExp(
  [
    `(?<number>(?:(?:\\p{Lu}{1,2})?${CURRENCY})?\\d+(?:[,.]\\d+)*(?:[-–/]\\d+(?:[,.]\\d+)*)*(?:%|\\p{L}+)?(?:['’]s(?!\\p{L}))?)`,
    '(?<abbrev>(?:\\p{L}\\.){2,})',
    "(?<word>\\p{L}[\\p{L}\\p{M}\\d]*(?:['’]\\p{L}+)*(?:[-–&][\\p{L}\\d]+(?:['’]\\p{L}+)*)*(?:(?<=[sS])['’](?![\\p{L}\\d]))?)",
    '(?<symbol>\\S)',
  ].join('|'),
  'gu',
);

/** Title and other abbreviations whose "." does not end a sentence ("Mr. Smith", "St. Louis", "No. 10"). */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'mt',
  'jr',
  'sr',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'gov',
  'sen',
  'rep',
  'rev',
  'hon',
  'pres',
  'no',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'approx',
  'est',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
const SENTENCE_END = new Set(['.', '!', '?', '…']);

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/'s$|(?<=s)'$/, '');
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let atStart = true;
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const value = match[0];
    const groups = match.groups ?? {};
    // A line break ends a sentence too: chat lines, headlines and list items rarely end with a full stop.
    if (text.slice(previousEnd, start).includes('\n')) atStart = true;
    previousEnd = start + value.length;
    if (groups.symbol !== undefined) {
      const previous = tokens.at(-1);
      const afterAbbreviation = value === '.' && previous?.kind === 'word' && previous.end === start && ABBREVIATIONS.has(previous.lower);
      if (SENTENCE_END.has(value) && !afterAbbreviation) atStart = true;
      tokens.push({ text: value, lower: value, start, end: start + value.length, kind: 'symbol', capitalized: false, sentenceStart: false });
      continue;
    }
    const kind = groups.number !== undefined ? 'number' : 'word';
    tokens.push({
      text: value,
      lower: normalize(value),
      start,
      end: start + value.length,
      kind,
      capitalized: kind === 'word' && /^\p{Lu}/u.test(value),
      sentenceStart: atStart,
    });
    atStart = false;
  }
  return tokens;
}

export interface CapitalizedRun {
  /** Token indices, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** The run's words joined by single spaces, a final possessive dropped: "Bank of England". */
  readonly text: string;
}

/**
 * Lower-case words that may sit inside a name between capitalised ones: "Bank of England", "Leonardo
 * da Vinci", "Institute for Fiscal Studies". Not "and": "Britain and France" is two names far more often
 * than one.
 */
const CONNECTORS = new Set([
  'of',
  'the',
  'for',
  'de',
  'da',
  'del',
  'della',
  'di',
  'du',
  'des',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'bin',
  'ibn',
  'al',
  'el',
]);
const MAX_CONNECTORS = 2;

const isCapitalizedWord = (t: Token | undefined): t is Token => t?.kind === 'word' && t.capitalized;
const isPossessive = (t: Token) => /['’]s$|s['’]$/i.test(t.text);
/** A plain integer may close a name ("Apollo 13", "Airbase 201"); "3-0" or "$5m" may not. */
const isTrailingNumber = (t: Token | undefined): t is Token => t?.kind === 'number' && /^\d+$/.test(t.text);

/**
 * Maximal runs of capitalised words not at a sentence start, with connectors inside and one trailing
 * integer. A sentence's first word joins a run only when another capitalised word follows in it and it is
 * not a function word: "Ever Given blocked…" gives "Ever Given", "Call of Duty sold…" gives "Call of Duty",
 * "The Bank of England…" gives "Bank of England"; "Apollo 13 launched…" gives nothing, as a lone
 * sentence-initial word would not (mid-sentence, "Apollo 13" is a run).
 * A possessive ends a run ("Russia's President Putin" → "President Putin"; "Russia" alone at the start is
 * left out, as every sentence-initial word is).
 */
export function capitalizedRuns(tokens: readonly Token[]): CapitalizedRun[] {
  const runs: CapitalizedRun[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    if (!isCapitalizedWord(first)) {
      i++;
      continue;
    }
    let end = i + 1;
    if (!isPossessive(first)) {
      for (;;) {
        const next = tokens[end];
        if (isCapitalizedWord(next) && !next.sentenceStart) {
          end++;
          if (isPossessive(next)) break;
          continue;
        }
        // Connectors ("of the") or "&" count only when a capitalised word follows them.
        let k = end;
        while (k - end < MAX_CONNECTORS && ((tokens[k]?.kind === 'word' && CONNECTORS.has(tokens[k]?.text as string)) || tokens[k]?.text === '&')) k++;
        const after = tokens[k];
        if (k > end && isCapitalizedWord(after) && !after.sentenceStart) {
          end = k;
          continue;
        }
        if (isTrailingNumber(next)) end++;
        break;
      }
    }
    // A sentence's first word counts only as part of a longer name: another capitalised word must follow in the run.
    const longer = tokens.slice(i + 1, end).some(isCapitalizedWord);
    if (!first.sentenceStart || (longer && !isStopword(first.lower))) {
      runs.push({ start: i, end, text: runText(tokens.slice(i, end)) });
      i = end;
    } else {
      // The sentence-initial word is dropped, but what follows it may still be a name.
      i++;
    }
  }
  return runs;
}

function runText(tokens: readonly Token[]): string {
  return tokens.map((t, k) => (k === tokens.length - 1 ? t.text.replace(/['’]s$|(?<=s)['’]$/i, '') : t.text)).join(' ');
}
