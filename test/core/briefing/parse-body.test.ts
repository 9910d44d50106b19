import { describe, expect, it } from 'vitest';
import { parseBody, parseHeading } from '../../../src/core/briefing/parse-body.js';

/** The regex `parseHeading` replaces: right, but cubic on a line with a long run of spaces. */
const OLD_HEADING = /^##\s+(.+?)\s*(?:\{#([a-z0-9-]+)\})?\s*$/;
const oldHeading = (line: string) => {
  const m = OLD_HEADING.exec(line);
  return m ? { title: m[1], ...(m[2] ? { id: m[2] } : {}) } : undefined;
};

describe('parseHeading', () => {
  it('reads headings as the old regex did', () => {
    const titles = ['Background', 'Why Niger asked US troops to leave', 'Ti\u2028tle', 'a {#b}', '{#only-id}', 'x{#y}', 'Q&A: what now?'];
    const ids = ['', ' {#my-id}', '{#x-1}', ' {#Bad}', ' {#a} {#b}', ' {#}'];
    const spaces = ['', ' ', '\t', '   ', '\u00a0', '\u2028'];
    const prefixes = ['## ', '##\t', '##', '### ', '# ', ' ## ', '##  '];
    for (const prefix of prefixes)
      for (const title of titles)
        for (const id of ids)
          for (const space of spaces) {
            const line = `${prefix}${title}${space}${id}${space}`;
            expect(parseHeading(line), JSON.stringify(line)).toEqual(oldHeading(line));
          }
  });

  it('a line of 1,000,000 spaces between words is read at once', () => {
    expect(parseHeading(`## a${' '.repeat(1_000_000)}b`)?.title.length).toBe(1_000_002);
  });
});

/** How paragraphs were split before: right, but quadratic on a long run of spaces. */
const oldParagraphs = (lines: string[]) =>
  lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);

describe('parseBody paragraphs', () => {
  it('are split and joined as before', () => {
    const pieces = ['One.', 'two', '  ', '\t', '', ' \u00a0 ', 'x y  z', '\u2028', ' end. '];
    let seed = 3;
    for (let k = 0; k < 2000; k++) {
      const lines: string[] = [];
      const n = 1 + (k % 12);
      for (let i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const a = pieces[seed % pieces.length] as string;
        const b = pieces[(seed >> 8) % pieces.length] as string;
        lines.push(a + b);
      }
      const body = `## S\n${lines.join('\n')}`;
      expect(parseBody(body, 1, 'b.md').sections[0]?.paragraphs, JSON.stringify(lines)).toEqual(oldParagraphs(lines));
    }
  });
});
