/** A briefing of one news article, as loaded from `briefings/<id>.md`. Plain, readonly data. */
export interface Briefing {
  readonly id: string;
  readonly title: string;
  readonly status: 'draft' | 'published';
  readonly published: Date;
  /** Equals `published` when the file gives no `updated`. */
  readonly updated: Date;
  readonly tags: readonly string[];
  readonly source: BriefingSource;
  readonly tldr: string;
  readonly summary: string;
  readonly keyPoints: readonly string[];
  readonly who: readonly Entry[];
  readonly places: readonly Entry[];
  readonly timeline: readonly TimelineEntry[];
  readonly whatNext: readonly string[];
  readonly qa: readonly QaPair[];
  /** Sections of the Markdown body; each heading's slug is a citable section id. */
  readonly sections: readonly Section[];
  /** The file it was loaded from, for error messages and `briefbot check`. */
  readonly file: string;
}

export interface BriefingSource {
  readonly publication: string;
  readonly agency?: string;
  readonly url: string;
  readonly published: string;
}

export interface Entry {
  readonly name: string;
  readonly description: string;
  /** Other names for the same person, organisation or place: acronyms, short forms, what chat users type. */
  readonly aliases: readonly string[];
}

export interface TimelineEntry {
  readonly date: string;
  readonly event: string;
}

export interface QaPair {
  readonly id: string;
  readonly question: string;
  readonly alternatives: readonly string[];
  readonly answer: string;
  /** The section id the answer rests on. */
  readonly section: string;
}

export interface Section {
  readonly id: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

/** Section ids of the structured parts; together with the body headings they are what a Q&A may cite. */
export const BUILT_IN_SECTIONS = {
  tldr: 'TL;DR',
  summary: 'Summary',
  'key-points': 'Key points',
  who: "Who's who",
  places: 'Places',
  timeline: 'Timeline',
  'what-next': 'What happens next',
} as const;

export type BriefingLength = 'tldr' | 'short' | 'full';
export const BRIEFING_LENGTHS: readonly BriefingLength[] = ['tldr', 'short', 'full'];

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function sectionHeading(briefing: Briefing, sectionId: string): string {
  if (sectionId in BUILT_IN_SECTIONS) return BUILT_IN_SECTIONS[sectionId as keyof typeof BUILT_IN_SECTIONS];
  return briefing.sections.find((s) => s.id === sectionId)?.heading ?? sectionId;
}

export function sectionIds(briefing: Pick<Briefing, 'sections'>): Set<string> {
  return new Set([...Object.keys(BUILT_IN_SECTIONS), ...briefing.sections.map((s) => s.id)]);
}

// Splitting lives in its own file because segmenting a long paragraph in one go is superlinear.
export { sentences } from './split-sentences.js';
