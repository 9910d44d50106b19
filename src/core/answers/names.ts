import type { Briefing, Entry } from '../briefing/briefing.js';
import { isStopword } from '../text/index.js';

/**
 * The names a briefing uses, so questions can be matched on them as phrases: who's who (people and
 * organisations), places, their aliases, and the other capitalised names of its text ("Ever Given",
 * "Suez Canal", "Airbase 101"). A name is never dropped as a stopword, and a number inside one must
 * match exactly ("Airbase 201" is not "Airbase 101").
 */
export type EntityKind = 'agent' | 'place' | 'name';

export interface Entity {
  readonly id: number;
  /** The name as the briefing writes it first. */
  readonly name: string;
  readonly kind: EntityKind;
  /** The who's who or places entry, when the name has one. */
  readonly entry?: Entry;
  /** Every way of writing it, as folded word sequences. */
  readonly forms: readonly (readonly string[])[];
}

export interface Mention {
  readonly entity: number;
  /** Word positions [start, end) in the folded words of the text. */
  readonly start: number;
  readonly end: number;
}

export interface FoldedWord {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

const APOSTROPHE = /[’‘`]/g;

/** Lower-cased, accent-free words with their offsets: "Notre-Dame's" → "notre", "dame". */
export function foldWords(text: string): FoldedWord[] {
  const out: FoldedWord[] = [];
  const re = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
  for (const m of text.matchAll(re)) {
    const word = fold(m[0].replace(APOSTROPHE, "'").replace(/'s$/i, '').replace(/'/g, ''));
    if (word) out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const LEADING_ARTICLE = /^(the|a|an)$/;

function formOf(name: string): string[] {
  const words = foldWords(name).map((w) => w.word);
  while (words.length > 1 && LEADING_ARTICLE.test(words[0] as string)) words.shift();
  return words;
}

interface TrieNode {
  entity?: number;
  next: Map<string, TrieNode>;
}

export class NameIndex {
  readonly entities: Entity[] = [];
  private readonly root: TrieNode = { next: new Map() };
  private readonly byForm = new Map<string, number>();

  /**
   * @param isCommonWord whether a single word is ordinary English ("bank", "river"): such a word alone
   *   is not taken as a short form of a longer name.
   */
  constructor(
    briefing: Pick<Briefing, 'who' | 'places'>,
    options: {
      otherNames?: Iterable<string>;
      isCommonWord?: (word: string) => boolean;
      kindOf?: (name: string) => EntityKind;
      /** For a one-word capitalised run: whether it is a name at all. */
      isName?: (word: string) => boolean;
    } = {},
  ) {
    const common = options.isCommonWord ?? (() => false);
    for (const e of briefing.who) this.addEntry(e, 'agent', common);
    for (const e of briefing.places) this.addEntry(e, 'place', common);
    for (const name of options.otherNames ?? []) {
      const form = formOf(name);
      // "President Emmanuel Macron" is the who's who entry "Emmanuel Macron", not a new name.
      if (form.length === 0 || this.find(form).length > 0) continue;
      if (form.length === 1 && options.isName && !options.isName(form[0] as string)) continue;
      this.add({ name, kind: options.kindOf?.(form.join(' ')) ?? 'name', forms: [form] });
    }
  }

  private addEntry(e: Entry, kind: EntityKind, common: (w: string) => boolean): void {
    const forms = [e.name, ...e.aliases].map(formOf).filter((f) => f.length > 0);
    const full = forms[0];
    // "Lionel Messi" is also "Messi"; "Silicon Valley Bank" is not "bank".
    if (kind === 'agent' && full && full.length >= 2) {
      const last = full.at(-1) as string;
      if (!/^\d+$/.test(last) && last.length >= 3 && !common(last)) forms.push([last]);
    }
    this.add({ name: e.name, kind, entry: e, forms });
  }

  private add(e: Omit<Entity, 'id'>): void {
    const id = this.entities.length;
    const forms: string[][] = [];
    for (const form of e.forms) {
      // "The", "Of The" or "The 2022" captured as a name would match every question, or every year.
      if (form.every((w) => isStopword(w) || /^\d+$/.test(w))) continue;
      const key = form.join(' ');
      // The first entity to claim a form keeps it: an alias never steals another entry's name.
      if (this.byForm.has(key)) continue;
      this.byForm.set(key, id);
      forms.push([...form]);
      let node = this.root;
      for (const w of form) {
        let child = node.next.get(w);
        if (!child) {
          child = { next: new Map() };
          node.next.set(w, child);
        }
        node = child;
      }
      node.entity = id;
    }
    if (forms.length > 0) this.entities.push({ ...e, id, forms });
  }

  get size(): number {
    return this.entities.length;
  }

  /** Longest non-overlapping mentions, left to right. `same(a, b)` lets a caller accept near spellings. */
  find(words: readonly string[], same?: (typed: string, known: string) => boolean): Mention[] {
    const out: Mention[] = [];
    for (let i = 0; i < words.length; ) {
      const hit = this.longestAt(words, i, same);
      if (hit) {
        out.push(hit);
        i = hit.end;
      } else i++;
    }
    return out;
  }

  private longestAt(words: readonly string[], i: number, same?: (typed: string, known: string) => boolean): Mention | undefined {
    let best: Mention | undefined;
    const walk = (node: TrieNode, j: number) => {
      if (node.entity !== undefined && j > i && (!best || j > best.end)) best = { entity: node.entity, start: i, end: j };
      const w = words[j];
      if (w === undefined) return;
      const exact = node.next.get(w);
      if (exact) walk(exact, j + 1);
      else if (same) for (const [known, child] of node.next) if (same(w, known)) walk(child, j + 1);
    };
    walk(this.root, i);
    return best;
  }

  entity(id: number): Entity {
    return this.entities[id] as Entity;
  }
}
