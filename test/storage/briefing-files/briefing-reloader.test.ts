import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefingLibrary, type LibraryChange } from '../../../src/core/briefing/briefing-library.js';
import { BriefingReloader } from '../../../src/storage/briefing-files/briefing-reloader.js';
import { loadBriefingDir } from '../../../src/storage/briefing-files/load-briefing-dir.js';
import { captureLogger } from '../../helpers/capture-logger.js';
import { seedAs } from '../../helpers/hostile-briefings.js';

/** The reloader driven directly, with as many events as an editor's save can fire. */
describe('BriefingReloader', () => {
  let dir = '';
  let library: BriefingLibrary;
  let log: ReturnType<typeof captureLogger>;
  let changes: LibraryChange[];
  let reloader: BriefingReloader;
  const write = (text: string) => writeFileSync(join(dir, 'b.md'), text);
  const burst = (n = 5) => Promise.all(Array.from({ length: n }, () => reloader.changed('b.md')));
  const messages = () => log.entries.filter((e) => e.level !== 'debug').map((e) => `${e.level} ${e.msg}`);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-reloader-'));
    write(seedAs('b'));
    const initial = await loadBriefingDir(dir);
    library = new BriefingLibrary(initial.flatMap((r) => (r.briefing ? [r.briefing] : [])));
    changes = [];
    library.onChange((c) => changes.push(c));
    log = captureLogger();
    reloader = new BriefingReloader(dir, library, initial, log);
  });
  afterEach(async () => {
    await reloader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('coalesces a burst of events into one reload and logs a broken result once', async () => {
    write(seedAs('b').replace('status: published', 'status: [published'));
    await burst();
    await burst();
    expect(messages()).toEqual(['error briefing not reloaded (1 problem); the last good version stays in service']);
    expect(log.entries[0]?.obj).toMatchObject({ file: 'b.md', keeping: 'b', problems: [expect.stringMatching(/b\.md:\d+: \(yaml\): /)] });
    expect(changes).toEqual([]);
  });

  it('applies and logs a good result once, and skips a save that changed nothing', async () => {
    await burst();
    expect(messages()).toEqual([]);
    write(seedAs('b').replace(/^title: .*$/m, 'title: Edited'));
    await burst();
    await burst();
    expect(messages()).toEqual(['info briefing reloaded']);
    expect(changes).toHaveLength(1);
    expect(library.published('b')?.title).toBe('Edited');
  });

  it('logs again when the problems change, or when the same break comes back after a fix', async () => {
    const broken = seedAs('b').replace('status: published', 'status: maybe');
    write(broken);
    await burst();
    write(broken.replace(/^tags: .*$/m, 'tags: 42'));
    await burst();
    write(seedAs('b'));
    await burst();
    write(broken);
    await burst();
    expect(messages()).toEqual([
      'error briefing not reloaded (1 problem); the last good version stays in service',
      'error briefing not reloaded (2 problems); the last good version stays in service',
      'info briefing reloaded',
      'error briefing not reloaded (1 problem); the last good version stays in service',
    ]);
  });

  it('a removed file is removed once, and a new broken file says nothing is served from it', async () => {
    unlinkSync(join(dir, 'b.md'));
    reloader.removed('b.md');
    reloader.removed('b.md');
    writeFileSync(join(dir, 'c.md'), '# no front matter');
    await Promise.all([reloader.changed('c.md'), reloader.changed('c.md')]);
    expect(messages()).toEqual(['info briefing removed', 'error briefing not reloaded (1 problem); nothing from this file is served until it is fixed']);
    expect(library.get('b')).toBeUndefined();
  });
});
