import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/main.js';
import { type LogLine, recordingLogger } from '../../adapters/discord/recording-logger.js';
import { SEED_ID, tempBriefingsDir, testBot } from '../../helpers/bot.js';

/** Polls until `check` passes or 2 s (the promise in the README) run out. */
async function within2s(check: () => boolean): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < 2000) {
    if (check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('not within 2 s');
}

describe('hot reload of the briefings folder', () => {
  let bot: Bot | undefined;
  let cleanup = () => {};
  afterEach(async () => {
    await bot?.stop();
    cleanup();
  });

  it('adds, edits, keeps the last good version on a broken edit, and removes', async () => {
    const tmp = tempBriefingsDir();
    cleanup = tmp.cleanup;
    const lines: LogLine[] = [];
    // The bot as `briefbot start` runs it with no platform: on a console whose input stays open.
    bot = await testBot({
      briefingsDir: tmp.dir,
      logger: recordingLogger(lines),
      console: { input: new PassThrough(), output: new PassThrough(), interactive: false },
    });
    await bot.start();
    const { library } = bot.services;
    const seed = readFileSync(join(tmp.dir, `${SEED_ID}.md`), 'utf8');
    const second = join(tmp.dir, 'second.md');

    writeFileSync(second, seed.replace(`id: ${SEED_ID}`, 'id: second').replace(/^title: .*$/m, 'title: Second briefing'));
    await within2s(() => library.published('second')?.title === 'Second briefing');

    writeFileSync(second, seed.replace(`id: ${SEED_ID}`, 'id: second').replace(/^title: .*$/m, 'title: Second briefing, edited'));
    await within2s(() => library.published('second')?.title === 'Second briefing, edited');

    // A broken edit: wait for the watcher to say it kept the last good version, then check it did.
    writeFileSync(second, seed.replace(`id: ${SEED_ID}`, 'id: second').replace(/^status: .*$/m, 'status: maybe'));
    await within2s(() => lines.some((l) => /^briefing not reloaded .*the last good version stays in service$/.test(l.msg ?? '') && l.obj.file === 'second.md'));
    expect(library.published('second')?.title).toBe('Second briefing, edited');

    rmSync(second);
    await within2s(() => library.get('second') === undefined);
    expect(library.published(SEED_ID)).toBeDefined();
  });
});
