import { describe, expect, it } from 'vitest';
import { formatProblem, MAX_PROBLEMS_PER_FILE, parseBriefing } from '../../../src/core/briefing/parse-briefing.js';
import { BILLION_LAUGHS, BROKEN_CASES, lineOf, oneParagraph, SEED_TEXT, seedAs } from '../../helpers/hostile-briefings.js';

const problemsOf = (text: string) => {
  const r = parseBriefing(text, 'b.md');
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatProblem);
};
const afterStatus = (yaml: string) => SEED_TEXT.replace(/^status: published$/m, `status: published\n${yaml}`);

describe('parseBriefing on hostile YAML: a problem with a line, never a throw', () => {
  for (const c of BROKEN_CASES.filter((c) => typeof c.content === 'string')) {
    it(c.name, () => {
      const r = parseBriefing(c.content as string, c.name);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.map(formatProblem)[0]).toMatch(c.expected);
    });
  }

  it('billion laughs is stopped by maxAliasCount and reported at the first alias of a value that holds aliases', () => {
    const text = afterStatus(BILLION_LAUGHS);
    expect(problemsOf(text)).toEqual([
      `b.md:${lineOf(text, 'lol2:')}: lol2[0]: aliases expand to more than the limit (yaml maxAliasCount 100); write the values out instead`,
    ]);
  });

  it('an alias used before its anchor is unresolved; aliases that are circular or too many are refused', () => {
    const before = afterStatus('a: *later\nb: &later x');
    expect(problemsOf(before)[0]).toBe(`b.md:${lineOf(before, 'a: *later')}: a: unresolved YAML alias "*later" (no anchor "&later" before it)`);
    const circular = afterStatus('loop: &me [1, *me]');
    expect(problemsOf(circular)[0]).toMatch(/^b\.md:\d+: loop\[1\]: YAML alias "\*me" refers to a value that contains it$/);
    const many = afterStatus(`x: &x 1\nmany: [${Array(150).fill('*x').join(', ')}]`);
    expect(problemsOf(many)[0]).toMatch(/^b\.md:\d+: many\[100\]: too many YAML aliases \(more than 100\)$/);
  });

  it('deep flow nesting and nesting past the depth limit are problems with a line', () => {
    const flow = afterStatus(`deep: ${'['.repeat(3000)}${']'.repeat(3000)}`);
    expect(problemsOf(flow)[0]).toMatch(new RegExp(`^b\\.md:${lineOf(flow, 'deep:')}: \\(yaml\\): `));
    const seventy = afterStatus(`deep:\n${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} v`);
    expect(problemsOf(seventy)).toEqual([`b.md:${lineOf(seventy, ' k63:')}: (yaml): nested more than 64 levels deep`]);
  });

  it('a duplicate key is still an error at its line', () => {
    const text = SEED_TEXT.replace(/^status: published$/m, 'status: published\nstatus: draft');
    expect(problemsOf(text)).toEqual([`b.md:${lineOf(text, 'status: draft')}: (yaml): Map keys must be unique`]);
  });
});

describe('parseBriefing on encodings', () => {
  const lf = parseBriefing(SEED_TEXT, 'b.md');

  it('a UTF-8 byte order mark and CRLF line endings give the same briefing as LF', () => {
    expect(lf.ok).toBe(true);
    expect(parseBriefing(`\uFEFF${SEED_TEXT}`, 'b.md')).toEqual(lf);
    expect(parseBriefing(SEED_TEXT.replace(/\n/g, '\r\n'), 'b.md')).toEqual(lf);
    expect(parseBriefing(`\uFEFF${SEED_TEXT.replace(/\n/g, '\r\n')}`, 'b.md')).toEqual(lf);
  });

  it('line numbers stay right with a BOM and CRLF', () => {
    const text = SEED_TEXT.replace(/^(\s+)section: background$/m, '$1section: nowhere');
    const crlf = `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    expect(problemsOf(crlf)).toEqual(problemsOf(text));
    expect(problemsOf(crlf)[0]).toMatch(new RegExp(`^b\\.md:${lineOf(text, 'section: nowhere')}: qa\\[\\d+\\]\\.section: unknown section "nowhere"`));
  });
});

describe('parseBriefing stays linear in the size of a file', () => {
  // Each of these took from 45 s to hours before; the test timeout is what fails them.
  it('a TL;DR of 38,000 sentences in one paragraph is refused at once', () => {
    const text = SEED_TEXT.replace(/^tldr: >-\n(?: {2}.*\n)+/m, `tldr: ${oneParagraph(38_000)}\n`);
    expect(problemsOf(text)).toEqual([`b.md:${lineOf(text, 'tldr:')}: tldr: must be at most two sentences`]);
  });

  it('a heading line with 100,000 spaces in it', () => {
    // The explicit id keeps the section the seed's Q&A cite.
    const text = seedAs('spaces').replace('## Background', `## Back${' '.repeat(100_000)}ground  {#background}`);
    const r = parseBriefing(text, 'b.md');
    expect(r.ok && r.briefing.sections.find((s) => s.id === 'background')?.heading.replace(/ +/, ' ')).toBe('Back ground');
  });

  it('a paragraph with a run of 200,000 spaces', () => {
    const text = seedAs('spaces').replace('\n## Background\n', `\n## Background\n\nOne${' '.repeat(200_000)}two.  \n   three.\n\n`);
    const r = parseBriefing(text, 'b.md');
    const paragraph = r.ok ? r.briefing.sections.find((s) => s.id === 'background')?.paragraphs[0] : undefined;
    // Compared shortened, so that a failure does not print 200,000 spaces.
    expect(paragraph?.length).toBe(200_014);
    expect(paragraph?.replace(/ {2,}/, ' ')).toBe('One two. three.');
  });

  it('20,000 misspelt keys: reported without searching the map again for each, and capped', () => {
    const text = afterStatus(Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`).join('\n'));
    const problems = problemsOf(text);
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(problems[0]).toBe(`b.md:${lineOf(text, 'k0:')}: k0: unknown field (check the spelling; see the briefing format in the README)`);
    expect(problems.at(-1)).toBe(`b.md: (file): ${20_000 - MAX_PROBLEMS_PER_FILE} more problems not shown`);
  });

  it('20,000 duplicate keys', () => {
    const text = afterStatus(Array.from({ length: 20_000 }, () => 'k: 1').join('\n'));
    expect(problemsOf(text)[0]).toBe(`b.md:${lineOf(text, 'k: 1') + 1}: (yaml): Map keys must be unique`);
  });
});
