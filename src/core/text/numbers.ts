/** A number phrase's value. */
export interface Quantity {
  readonly value: number;
  /** Set when the phrase names money ("$100m", "5 billion euros") or a percentage ("20%", "20 per cent"). */
  readonly unit?: 'money' | 'percent';
  /** The currency as written, lower-cased: "$", "us$", "£", "euros". Only with unit "money". */
  readonly currency?: string;
  /** "about", "nearly", "roughly", "some", "an estimated"… */
  readonly approximate?: true;
  /** "more than", "over", "at least" → "above"; "less than", "under", "up to", "at most" → "below". */
  readonly bound?: 'above' | 'below';
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  mil: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
  trn: 1e12,
};

/** Words that make up spelled-out numbers ("two hundred and sixty-five thousand"). */
export function isNumberWord(lower: string): boolean {
  return lower in UNITS || lower === 'hundred' || lower === 'dozen' || (lower in SCALES && lower.length > 3);
}

const APPROXIMATE = ['an estimated', 'approximately', 'roughly', 'around', 'about', 'nearly', 'almost', 'close to', 'some', 'estimated', 'circa', 'c.'];
const ABOVE = ['more than', 'upwards of', 'at least', 'just over', 'over', 'above', 'in excess of'];
const BELOW = ['less than', 'fewer than', 'just under', 'under', 'below', 'up to', 'at most'];

const CURRENCY_PREFIX = /^((?:us|a|c|nz|hk|s)?\$|£|€|¥|₹)\s*/;
const CURRENCY_WORDS = new Set([
  'dollar',
  'dollars',
  'usd',
  'euro',
  'euros',
  'eur',
  'pound',
  'pounds',
  'sterling',
  'gbp',
  'yen',
  'yuan',
  'rupee',
  'rupees',
  'francs',
  'roubles',
  'rubles',
]);
const PERCENT_WORDS = ['%', 'percent', 'per cent', 'pc', 'percentage points'];

/**
 * The value of a whole number phrase: "1,000", "nearly 1,000", "one thousand", "sixty-five", "1.5 million",
 * "$100m", "£5bn", "20%", "a dozen". Undefined when the text is not one quantity: "3-0" (a score),
 * "2020-21" (a range), "1990s", ordinals, or anything left over ("1,000 troops" — callers pass the number
 * part, e.g. an annotate() CARDINAL or MONEY entity).
 */
export function parseQuantity(text: string): Quantity | undefined {
  // Scores and ranges ("3-0", "2020-21", "24/7") are two numbers, not one.
  if (/\d\s*[-–/]\s*\d/.test(text)) return undefined;
  let rest = text
    .trim()
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/\s+/g, ' ');
  let approximate = false;
  let bound: 'above' | 'below' | undefined;
  const qualifier = (list: readonly string[]) => {
    const found = list.find((q) => rest.startsWith(`${q} `) || (q === 'c.' && rest.startsWith(q)));
    if (found) rest = rest.slice(found.length).trimStart();
    return found !== undefined;
  };
  // Bounds first, so "more than about 1,000" and "about 1,000" both parse; "just over" before "over".
  if (qualifier(ABOVE)) bound = 'above';
  else if (qualifier(BELOW)) bound = 'below';
  if (qualifier(APPROXIMATE)) approximate = true;

  let currency: string | undefined;
  const prefix = CURRENCY_PREFIX.exec(rest);
  if (prefix) {
    currency = prefix[1];
    rest = rest.slice(prefix[0].length);
  }

  // Split digits from an attached suffix ("100m", "20%") so both read as words.
  const words = rest
    .replace(/(\d)([a-z%]+)\b/g, '$1 $2')
    .replace(/(\d)%/g, '$1 %')
    .split(/[\s-]+/)
    .filter(Boolean);
  let unit: 'money' | 'percent' | undefined = currency ? 'money' : undefined;
  // Trailing unit words: "20 per cent", "5 billion euros".
  const tail = words.slice(-2).join(' ');
  if (PERCENT_WORDS.includes(tail)) {
    words.splice(-2);
    unit = 'percent';
  } else if (PERCENT_WORDS.includes(words.at(-1) ?? '')) {
    words.pop();
    unit = 'percent';
  } else if (CURRENCY_WORDS.has(words.at(-1) ?? '')) {
    currency ??= words.pop();
    unit = 'money';
  }
  if (unit === 'percent' && currency) return undefined;

  const value = wordsValue(words);
  if (value === undefined) return undefined;
  return {
    value,
    ...(unit ? { unit } : {}),
    ...(currency && unit === 'money' ? { currency } : {}),
    ...(approximate ? { approximate: true as const } : {}),
    ...(bound ? { bound } : {}),
  };
}

/** Digits, number words and scale words together: ["1.5", "million"], ["two", "hundred", "and", "five"], ["a", "dozen"]. */
function wordsValue(words: readonly string[]): number | undefined {
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  let seen = false;
  for (let k = 0; k < words.length; k++) {
    const word = words[k] as string;
    const next = words[k + 1];
    if (/^\d+(?:\.\d+)?$/.test(word)) {
      if (seen) return undefined; // digits only lead: "5 6" is two numbers
      current = Number(word);
    } else if (word in UNITS) {
      // After "twenty" only a digit word may follow; after "five" nothing may: "five twenty" is two numbers.
      const value = UNITS[word] as number;
      const lastTwo = current % 100;
      if (lastTwo !== 0 && !(lastTwo >= 20 && lastTwo % 10 === 0 && value < 10)) return undefined;
      current += value;
    } else if ((word === 'a' || word === 'an') && !seen && next !== undefined && (next === 'hundred' || next === 'dozen' || next in SCALES)) {
      current = 1;
    } else if (word === 'and' && seen && next !== undefined) {
      continue;
    } else if (word === 'hundred' && seen) {
      current = (current || 1) * 100;
    } else if (word === 'dozen' && seen) {
      current = (current || 1) * 12;
    } else if (word in SCALES && seen) {
      total += (current || 1) * (SCALES[word] as number);
      current = 0;
    } else {
      return undefined;
    }
    seen = true;
  }
  // "1.5 million" is 1500000, not 1500000.0000000002.
  return Number((total + current).toPrecision(12));
}
