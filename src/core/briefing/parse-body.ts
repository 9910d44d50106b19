import { type Section, slugify } from './briefing.js';
import type { BriefingProblem } from './briefing-problem.js';

export interface Heading {
  readonly title: string;
  readonly id?: string;
}

const EXPLICIT_ID = /\{#([a-z0-9-]+)\}$/;
const LINE_TERMINATOR = /[\r\u2028\u2029]/;

/**
 * A `## Heading` or `## Heading {#id}` line. Parsed by hand because the obvious regex,
 * `^##\s+(.+?)\s*(?:\{#([a-z0-9-]+)\})?\s*$`, backtracks cubically: one heading line with 4,000
 * spaces in it took 90 s. Same result as that regex for every heading with a title.
 */
export function parseHeading(line: string): Heading | undefined {
  if (!line.startsWith('##') || !/\s/.test(line.charAt(2))) return undefined;
  const text = line.slice(2).trim();
  const explicit = EXPLICIT_ID.exec(text);
  const heading: Heading = explicit && explicit.index > 0 ? { title: text.slice(0, explicit.index).trimEnd(), id: explicit[1] as string } : { title: text };
  // The regex's `.` stops at line terminators other than "\n", which only its `\s` may match.
  return heading.title === '' || LINE_TERMINATOR.test(heading.title) ? undefined : heading;
}

/** Splits the Markdown body into `## ` sections; text before the first heading becomes "overview". */
export function parseBody(body: string, firstLine: number, file: string): { sections: Section[]; problems: BriefingProblem[] } {
  const sections: { id: string; heading: string; lines: string[]; line: number }[] = [];
  const problems: BriefingProblem[] = [];
  body.split(/\r?\n/).forEach((raw, i) => {
    const heading = parseHeading(raw);
    if (heading) {
      sections.push({ id: heading.id ?? slugify(heading.title), heading: heading.title, lines: [], line: firstLine + i });
      return;
    }
    if (sections.length === 0) {
      if (raw.trim() === '') return;
      sections.push({ id: 'overview', heading: 'Overview', lines: [], line: firstLine + i });
    }
    sections.at(-1)?.lines.push(raw.replace(/^#{3,6}\s+/, ''));
  });
  const seen = new Set<string>();
  for (const s of sections) {
    if (seen.has(s.id)) problems.push({ file, line: s.line, field: `section "${s.heading}"`, message: `duplicate section id "${s.id}"` });
    seen.add(s.id);
  }
  return {
    problems,
    sections: sections.map((s) => ({ id: s.id, heading: s.heading, paragraphs: paragraphs(s.lines) })),
  };
}

/**
 * Blank lines separate paragraphs; the lines of a paragraph are joined with single spaces.
 * Trimming each line does what `replace(/\s*\n\s*\/g, ' ')` did, without its quadratic
 * backtracking over a long run of spaces.
 */
function paragraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) out.push(current.join(' '));
    current = [];
  };
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') flush();
    else current.push(trimmed);
  }
  flush();
  return out;
}
