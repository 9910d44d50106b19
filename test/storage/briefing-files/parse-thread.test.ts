import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatProblem } from '../../../src/core/briefing/parse-briefing.js';
import { BriefingParseThread } from '../../../src/storage/briefing-files/parse-thread.js';
import { SEED_DIR, SEED_ID } from '../../helpers/bot.js';

const SEED_FILE = join(SEED_DIR, `${SEED_ID}.md`);
const FAKE_WORKER = new URL('../../helpers/fake-parse-worker.mjs', import.meta.url);
const MAX = 2 * 1024 * 1024;

describe('BriefingParseThread', () => {
  const threads: BriefingParseThread[] = [];
  const thread = (options: ConstructorParameters<typeof BriefingParseThread>[0] = {}) => {
    const t = new BriefingParseThread(options);
    threads.push(t);
    return t;
  };
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(threads.splice(0).map((t) => t.close()));
  });

  it('parses a file on a worker thread under tsx, and the Dates survive the trip back', async () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const t = thread();
    const result = await t.parse(SEED_FILE, 'seed.md', MAX);
    // Not the in-process fallback: one thread started, and no warning that it could not.
    expect(t.threadsStarted).toBe(1);
    expect(warn).not.toHaveBeenCalled();
    expect(result.problems).toEqual([]);
    expect(result.briefing?.id).toBe(SEED_ID);
    expect(result.briefing?.published).toBeInstanceOf(Date);
    expect(result.briefing?.published.toISOString()).toBe('2024-05-03T12:00:00.000Z');
  });

  it('answers queued files in order', async () => {
    const t = thread({ workerUrl: FAKE_WORKER });
    const results = await Promise.all(['a.md', 'b.md', 'c.md'].map((f) => t.parse(f, f, MAX)));
    expect(results.map((r) => r.file)).toEqual(['a.md', 'b.md', 'c.md']);
  });

  it('gives up on a file that takes too long, and the next file gets a fresh thread', async () => {
    const t = thread({ workerUrl: FAKE_WORKER, timeoutMs: 2000 });
    const [hung, next] = await Promise.all([t.parse('hang.md', 'hang.md', MAX), t.parse('ok.md', 'ok.md', MAX)]);
    expect(hung.problems.map(formatProblem)).toEqual(['hang.md: (file): could not be parsed: gave up after 2 s']);
    expect(next.problems.map(formatProblem)).toEqual(['ok.md: (fake): parsed by the fake worker']);
    expect(t.threadsStarted).toBe(2);
  });

  it('a thread that crashes or exits fails only the file it was parsing', async () => {
    const t = thread({ workerUrl: FAKE_WORKER });
    const [crashed, exited, next] = await Promise.all(['crash.md', 'exit.md', 'ok.md'].map((f) => t.parse(f, f, MAX)));
    expect(crashed?.problems.map(formatProblem)).toEqual(['crash.md: (file): could not be parsed: the parser thread stopped (crashed on cue)']);
    expect(exited?.problems.map(formatProblem)).toEqual(['exit.md: (file): could not be parsed: the parser thread stopped (exited with code 3)']);
    expect(next?.problems.map(formatProblem)).toEqual(['ok.md: (fake): parsed by the fake worker']);
  });

  it('a thread that cannot start leaves parsing to the calling thread, with a warning', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const t = thread({ workerUrl: new URL('./no-such-worker.mjs', import.meta.url) });
    const result = await t.parse(SEED_FILE, 'seed.md', MAX);
    expect(result.briefing?.id).toBe(SEED_ID);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^briefing parser thread could not start .*; parsing on the main thread$/));
    expect((await t.parse(SEED_FILE, 'again.md', MAX)).briefing?.id).toBe(SEED_ID);
  });
});
