import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatProblem } from '../../../src/core/briefing/parse-briefing.js';
import { decodeBriefingText, firstInvalidUtf8 } from '../../../src/storage/briefing-files/decode-briefing-text.js';
import { DEFAULT_MAX_BRIEFING_BYTES, type FileResult, loadBriefingDir, loadBriefingFile } from '../../../src/storage/briefing-files/load-briefing-dir.js';
import { BriefingParseThread } from '../../../src/storage/briefing-files/parse-thread.js';
import { SEED_DIR, SEED_ID } from '../../helpers/bot.js';
import { measureStall } from '../../helpers/event-loop-stall.js';
import { ACCEPTED_CASES, BROKEN_CASES, largeBriefing } from '../../helpers/hostile-briefings.js';

const work = mkdtempSync(join(tmpdir(), 'briefbot-load-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const mkdir = (name: string) => mkdtempSync(join(work, `${name}-`));
/** Each file's problem lines by file name, with the folder left out of the lines. */
const linesOf = (results: FileResult[]) =>
  Object.fromEntries(results.map((r) => [basename(r.file), r.problems.map((p) => formatProblem({ ...p, file: basename(p.file) }))]));

describe('loadBriefingDir with files that once stopped the loader', () => {
  it('gives each broken file its problem and loads every other file', async () => {
    const dir = mkdir('mixed');
    const files: Record<string, string | Buffer> = {
      [`${SEED_ID}.md`]: largeBriefing(SEED_ID, 0),
      'big.md': largeBriefing('big-paragraph'),
      'too-large.md': largeBriefing('too-large', 80_000),
    };
    for (const c of [...BROKEN_CASES, ...ACCEPTED_CASES]) files[c.name] = c.content;
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);

    const results = await loadBriefingDir(dir);
    const problems = linesOf(results);
    for (const c of BROKEN_CASES) {
      expect(problems[c.name], c.name).toHaveLength(1);
      expect(problems[c.name]?.[0], c.name).toMatch(c.expected);
    }
    const size = Buffer.byteLength(files['too-large.md'] as string);
    expect(size).toBeGreaterThan(DEFAULT_MAX_BRIEFING_BYTES);
    expect(problems['too-large.md']).toEqual([`too-large.md: (file): too large (${size} bytes; the limit is ${DEFAULT_MAX_BRIEFING_BYTES})`]);
    const loaded = results.flatMap((r) => (r.briefing ? [r.briefing.id] : [])).sort();
    expect(loaded).toEqual(['big-paragraph', SEED_ID, 'with-bom', 'with-bom-crlf', 'with-crlf'].sort());
  });

  it('a BOM and CRLF give the same briefing as LF', async () => {
    const dir = mkdir('encodings');
    const lf = largeBriefing('same', 0);
    writeFileSync(join(dir, 'a.md'), lf);
    const [plain] = await loadBriefingDir(dir);
    writeFileSync(join(dir, 'a.md'), `\uFEFF${lf.replace(/\n/g, '\r\n')}`);
    const [windows] = await loadBriefingDir(dir);
    expect(windows?.briefing).toEqual(plain?.briefing);
    expect(plain?.briefing?.id).toBe('same');
  });

  it('refuses a file over maxBytes unread, with the size and the limit', async () => {
    const seed = join(SEED_DIR, `${SEED_ID}.md`);
    const result = await loadBriefingFile(seed, { maxBytes: 1000 });
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/niger-russia-airbase-101\.md: \(file\): too large \(\d+ bytes; the limit is 1000\)$/),
    ]);
    expect((await loadBriefingDir(SEED_DIR, { maxBytes: 1000 }))[0]?.briefing).toBeUndefined();
  });

  it('never rejects for a file, even one that cannot be read', async () => {
    const dir = mkdir('unreadable');
    const result = await loadBriefingFile(join(dir, 'missing.md'));
    expect(result.problems.map(formatProblem)).toEqual([expect.stringMatching(/missing\.md: \(file\): cannot read: ENOENT$/)]);
  });
});

describe('a 1 MB single-paragraph briefing', () => {
  it('loads on the parser thread while the event loop is never blocked for more than 100 ms', async () => {
    const dir = mkdir('large');
    const text = largeBriefing('large-one');
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_000_000);
    writeFileSync(join(dir, 'large.md'), text);
    const thread = new BriefingParseThread();
    const parse = vi.spyOn(thread, 'parse');
    try {
      const { result, ms, maxStallMs, maxBlockedMs } = await measureStall(() => loadBriefingDir(dir, { parseThread: thread }));
      expect(result[0]?.problems).toEqual([]);
      expect(result[0]?.briefing?.sections[0]?.paragraphs[0]?.length).toBeGreaterThan(1_000_000);
      expect(result[0]?.briefing?.updated).toBeInstanceOf(Date);
      // Structural: the file went to the thread, so the main thread only waited for it.
      expect(parse).toHaveBeenCalledTimes(1);
      expect(thread.threadsStarted).toBe(1);
      // Blocked: time the main thread ran without yielding. The wall-clock stall also counts time the
      // machine gave the process no CPU, so its bound is generous: on a busy 2-core machine it alone went past 100 ms.
      expect(maxBlockedMs).toBeLessThan(100);
      expect(maxStallMs).toBeLessThan(1000);
      // Generous: starting the thread under tsx takes most of it on a busy 2-core machine.
      expect(ms).toBeLessThan(15_000);
    } finally {
      await thread.close();
    }
  });
});

describe('decodeBriefingText', () => {
  it('names the line and byte of invalid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('---\nid: x\ntitle: caf'), Buffer.from([0xc3]), Buffer.from(' au lait\n')]);
    const r = decodeBriefingText(bytes, 'b.md');
    expect(r.ok ? '' : formatProblem(r.problem)).toBe('b.md:3: (file): invalid UTF-8 (byte 0xc3 at byte 11 of the line); save the file as UTF-8');
  });

  it('finds the first invalid byte exactly where the WHATWG decoder fails', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let seed = 11;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed >> 8;
    };
    const interesting = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xa0, 0xed, 0x9f, 0xa0, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0x90, 0xf5, 0xff];
    for (let k = 0; k < 20_000; k++) {
      const bytes = Uint8Array.from({ length: 1 + (k % 9) }, () => interesting[next() % interesting.length] as number);
      const at = firstInvalidUtf8(bytes);
      let valid = true;
      try {
        decoder.decode(bytes);
      } catch {
        valid = false;
      }
      expect(at === -1, Buffer.from(bytes).toString('hex')).toBe(valid);
      if (at >= 0) expect(() => decoder.decode(bytes.subarray(0, at))).not.toThrow();
    }
  });
});
