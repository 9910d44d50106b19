import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, parseBriefing } from '../../../src/core/briefing/parse-briefing.js';
import { loadBriefingDir } from '../../../src/storage/briefing-files/load-briefing-dir.js';
import { SEED_DIR, SEED_ID, tempBriefingsDir } from '../../helpers/app.js';

const seed = readFileSync(join(SEED_DIR, `${SEED_ID}.md`), 'utf8');
const problemsOf = (text: string) => {
  const r = parseBriefing(text, 'b.md');
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatProblem);
};
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseBriefing', () => {
  it('parses the seed briefing with its sections, Q&A and timeline', () => {
    const r = parseBriefing(seed, 'seed.md');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.briefing.id).toBe(SEED_ID);
    expect(r.briefing.qa.length).toBeGreaterThanOrEqual(25);
    expect(r.briefing.qa.every((q) => q.alternatives.length >= 2)).toBe(true);
    expect(r.briefing.sections.length).toBeGreaterThanOrEqual(4);
    expect(r.briefing.timeline.map((t) => t.date).join(' ')).toMatch(/2018[\s\S]*2023[\s\S]*2024/);
  });

  it('bad YAML names the file and line', () => {
    const broken = seed.replace('status: published', 'status: [published');
    const [problem] = problemsOf(broken);
    expect(problem).toMatch(/^b\.md:\d+: \(yaml\): /);
  });

  it('a missing field names the field', () => {
    const text = seed.replace(/^status:.*\n/m, '');
    expect(problemsOf(text)).toContainEqual(expect.stringMatching(/^b\.md:\d+: status: required field is missing$/));
  });

  it('an unknown field is an error at its own line', () => {
    const text = seed.replace('status: published', 'status: published\nstaus: draft');
    expect(problemsOf(text)).toContain(`b.md:${lineOf(text, 'staus:')}: staus: unknown field (check the spelling; see the briefing format in the README)`);
  });

  it('a wrong type names the nested field and its line', () => {
    const text = seed.replace(/^tags: .*$/m, 'tags: 42');
    expect(problemsOf(text)[0]).toMatch(new RegExp(`^b\\.md:${lineOf(text, 'tags: 42')}: tags: `));
    const badQa = seed.replace(/^(\s+)section: background$/m, '$1section: nowhere');
    expect(problemsOf(badQa).join('\n')).toMatch(/qa\[\d+\]\.section: unknown section "nowhere"/);
  });

  it('aliases on who and places are kept, and a corrupted alias names its field and line', () => {
    const withAliases = seed.replace("  - name: Niger's junta\n", "  - name: Niger's junta\n    aliases: [the junta, CNSP]\n");
    const r = parseBriefing(withAliases, 'b.md');
    expect(r.ok && r.briefing.who[0]?.aliases).toEqual(['the junta', 'CNSP']);
    const broken = seed.replace("  - name: Niger's junta\n", "  - name: Niger's junta\n    aliases: [the junta, {x: 1}]\n");
    expect(problemsOf(broken)).toContainEqual(expect.stringMatching(new RegExp(`^b\\.md:${lineOf(broken, 'aliases:')}: who\\[0\\]\\.aliases\\[1\\]: `)));
    const notAList = seed.replace('  - name: Niger\n', '  - name: Niger\n    aliases: 7\n');
    expect(problemsOf(notAList)).toContainEqual(expect.stringMatching(new RegExp(`^b\\.md:${lineOf(notAList, 'aliases: 7')}: places\\[0\\]\\.aliases: `)));
  });

  it('a file without front matter is reported, not thrown', () => {
    expect(problemsOf('# just markdown')).toEqual(['b.md:1: (file): must start with YAML front matter between "---" lines']);
  });
});

describe('loadBriefingDir', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('skips broken files and duplicate ids while every other file loads', async () => {
    const tmp = tempBriefingsDir();
    cleanup = tmp.cleanup;
    writeFileSync(join(tmp.dir, 'zz-duplicate.md'), seed);
    writeFileSync(join(tmp.dir, 'broken.md'), seed.replace(`id: ${SEED_ID}`, 'id: other').replace(/^status:.*\n/m, ''));
    writeFileSync(join(tmp.dir, 'second.md'), seed.replace(`id: ${SEED_ID}`, 'id: second-briefing'));
    const results = await loadBriefingDir(tmp.dir);
    const loaded = results.flatMap((r) => (r.briefing ? [r.briefing.id] : []));
    expect(loaded.sort()).toEqual([SEED_ID, 'second-briefing']);
    const problems = results.flatMap((r) => r.problems.map(formatProblem));
    expect(problems).toContainEqual(expect.stringMatching(/zz-duplicate\.md:2: id: duplicate id "niger-russia-airbase-101"/));
    expect(problems).toContainEqual(expect.stringMatching(/broken\.md:\d+: status: required field is missing/));
  });
});
