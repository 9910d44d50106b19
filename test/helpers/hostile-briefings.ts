import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Briefing files that once stopped or froze the loader (issue 10, items 3, 4 and 12), built from
 * the seed briefing, each with what loading it must report. Shared by the parser, loader, CLI and
 * hot-reload tests so that every path sees the same files.
 */
export const SEED_TEXT = readFileSync(join(import.meta.dirname, '../../briefings/niger-russia-airbase-101.md'), 'utf8');
const SEED_ID = 'niger-russia-airbase-101';

/** The seed under another id, so it can sit next to the seed in one folder. */
export function seedAs(id: string): string {
  return SEED_TEXT.replace(`id: ${SEED_ID}`, `id: ${id}`);
}

/** The 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

const afterStatus = (text: string, yaml: string) => text.replace(/^status: published$/m, `status: published\n${yaml}`);

/** Nine anchors, each a list of nine aliases of the one before: 9^9 strings if expanded. */
export const BILLION_LAUGHS = [
  'lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...Array.from({ length: 8 }, (_, i) => `lol${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`),
].join('\n');

/** A single paragraph of `count` short sentences, about 28 bytes each: 38,000 make 1 MB. */
export function oneParagraph(count: number): string {
  return Array.from({ length: count }, (_, i) => `Witness ${i} saw the boat.`).join(' ');
}

/** A valid briefing whose body gains one paragraph of `count` sentences (the issue's 1 MB case at 38,000). */
export function largeBriefing(id: string, count = 38_000): string {
  return seedAs(id).replace('\n## Background\n', `\n## Background\n\n${oneParagraph(count)}\n`);
}

export interface HostileCase {
  /** The file name. */
  readonly name: string;
  readonly content: string | Buffer;
  /** What `briefbot check` prints for it (one line). */
  readonly expected: RegExp;
}

const alias = SEED_TEXT.replace(/^title: .*$/m, 'title: *nope');
const laughs = afterStatus(SEED_TEXT, BILLION_LAUGHS);
// 2,000 levels of block sequences ("- - - …"), 4 KB: deep enough to overflow the YAML parser's stack.
const deep = afterStatus(SEED_TEXT, `nested:\n  ${'- '.repeat(2000)}bottom`);
const crlfBroken = SEED_TEXT.replace('status: published', 'status: maybe').replace(/\n/g, '\r\n');
// The issue's 1 MB paragraph as a TL;DR: checking "at most two sentences" split all 38,000 first (45 s).
const longTldr = SEED_TEXT.replace(/^tldr: >-\n(?: {2}.*\n)+/m, `tldr: ${oneParagraph(38_000)}\n`);
const invalidUtf8 = Buffer.concat([
  Buffer.from(SEED_TEXT.slice(0, SEED_TEXT.indexOf('Russian military'))),
  Buffer.from([0xff]),
  Buffer.from(SEED_TEXT.slice(SEED_TEXT.indexOf('Russian military'))),
]);

/** Files that must each get one problem line while every other file still loads. */
export const BROKEN_CASES: readonly HostileCase[] = [
  { name: 'alias.md', content: alias, expected: new RegExp(`^alias\\.md:${lineOf(alias, 'title:')}: title: unresolved YAML alias "\\*nope"`) },
  { name: 'laughs.md', content: laughs, expected: /^laughs\.md:\d+: lol\d\[0\]: aliases expand to more than the limit \(yaml maxAliasCount 100\)/ },
  {
    name: 'deep.md',
    content: deep,
    expected: /^deep\.md:\d+: \(yaml\): (nested too deeply to parse \(Maximum call stack size exceeded\)|nested more than 64 levels deep)$/,
  },
  { name: 'crlf-broken.md', content: crlfBroken, expected: new RegExp(`^crlf-broken\\.md:${lineOf(crlfBroken, 'status:')}: status: Invalid option`) },
  { name: 'long-tldr.md', content: longTldr, expected: new RegExp(`^long-tldr\\.md:${lineOf(longTldr, 'tldr:')}: tldr: must be at most two sentences$`) },
  { name: 'invalid-utf8.md', content: invalidUtf8, expected: /^invalid-utf8\.md:3: \(file\): invalid UTF-8 \(byte 0xff at byte 8 of the line\)/ },
];

/** Files that must load exactly like the seed does. */
export const ACCEPTED_CASES: readonly HostileCase[] = [
  { name: 'bom.md', content: `\uFEFF${seedAs('with-bom')}`, expected: /^bom\.md: ok \(with-bom, published, \d+ Q&A\)$/ },
  { name: 'crlf.md', content: seedAs('with-crlf').replace(/\n/g, '\r\n'), expected: /^crlf\.md: ok \(with-crlf, published, \d+ Q&A\)$/ },
  { name: 'bom-crlf.md', content: `\uFEFF${seedAs('with-bom-crlf').replace(/\n/g, '\r\n')}`, expected: /^bom-crlf\.md: ok \(with-bom-crlf, published/ },
];
