import { type Briefing, type Entry, sentences } from '../briefing/briefing.js';

/**
 * What an answer can be: a curated Q&A answer, or one sentence or entry of the briefing, shown
 * verbatim. The title is never a passage: it names the story, it answers nothing.
 */
export interface Passage {
  readonly id: number;
  readonly kind: 'qa' | 'sentence' | 'entry' | 'timeline';
  /** The citable section the passage rests on (for a Q&A pair, the section it cites). */
  readonly section: string;
  readonly qaId?: string;
  /** Exactly what is shown. */
  readonly text: string;
  /** For a Q&A pair: its question and alternatives, the ways people ask for this answer. */
  readonly phrasings?: readonly string[];
  /** For who's who and places: the entry's name, which every sentence of its description is about. */
  readonly subject?: Entry;
  /** For a timeline entry: its date, which answers "when". */
  readonly date?: string;
  /**
   * The sentence before this one in the same paragraph (or the section heading for a first
   * sentence): what "it" and "the company" in this sentence most likely refer to.
   */
  readonly previous?: string;
}

/** Splits a briefing into passages, in reading order. Linear in the briefing's size. */
export function passagesOf(b: Briefing): Passage[] {
  const out: Passage[] = [];
  const push = (p: Omit<Passage, 'id'>) => out.push({ ...p, id: out.length });
  const prose = (section: string, text: string, heading?: string) => {
    let previous = heading;
    for (const s of sentences(text)) {
      push({ kind: 'sentence', section, text: s, ...(previous ? { previous } : {}) });
      previous = s;
    }
  };
  for (const qa of b.qa) {
    push({ kind: 'qa', section: qa.section, qaId: qa.id, text: qa.answer, phrasings: [qa.question, ...qa.alternatives] });
  }
  prose('tldr', b.tldr);
  prose('summary', b.summary);
  for (const p of b.keyPoints) prose('key-points', p);
  const entries = (section: 'who' | 'places', list: readonly Entry[]) => {
    for (const e of list) {
      let previous: string | undefined;
      for (const [i, s] of sentences(e.description).entries()) {
        // The first sentence is shown after the name ("Niamey: The capital of Niger"); a later one
        // stands alone when it names its subject, else it gets the name too.
        const text = i === 0 || !mentions(s, e) ? `${e.name}: ${s}` : s;
        push({ kind: 'entry', section, text, subject: e, ...(previous ? { previous } : {}) });
        previous = s;
      }
    }
  };
  entries('who', b.who);
  entries('places', b.places);
  for (const t of b.timeline) push({ kind: 'timeline', section: 'timeline', text: `${t.date}: ${t.event}`, date: t.date });
  for (const p of b.whatNext) prose('what-next', p);
  for (const s of b.sections) for (const p of s.paragraphs) prose(s.id, p, s.heading);
  return out;
}

function mentions(sentence: string, e: Entry): boolean {
  const lower = sentence.toLowerCase();
  return [e.name, ...e.aliases].some((n) => lower.includes(n.toLowerCase()));
}
