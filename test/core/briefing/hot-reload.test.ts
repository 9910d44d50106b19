import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { SEED_ID, seedApp, tempBriefingsDir } from '../../helpers/app.js';

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
  let app: App | undefined;
  let cleanup = () => {};
  afterEach(async () => {
    await app?.close();
    cleanup();
  });

  it('adds, edits, keeps the last good version on a broken edit, and removes', async () => {
    const tmp = tempBriefingsDir();
    cleanup = tmp.cleanup;
    app = await seedApp({ briefingsDir: tmp.dir });
    await app.watch();
    const library = app.core.library;
    const seed = readFileSync(join(tmp.dir, `${SEED_ID}.md`), 'utf8');
    const second = join(tmp.dir, 'second.md');

    writeFileSync(second, seed.replace(`id: ${SEED_ID}`, 'id: second').replace(/^title: .*$/m, 'title: Second briefing'));
    await within2s(() => library.published('second')?.title === 'Second briefing');

    writeFileSync(second, seed.replace(`id: ${SEED_ID}`, 'id: second').replace(/^title: .*$/m, 'title: Second briefing, edited'));
    await within2s(() => library.published('second')?.title === 'Second briefing, edited');

    writeFileSync(second, seed.replace(`id: ${SEED_ID}`, 'id: second').replace(/^status: .*$/m, 'status: maybe'));
    await new Promise((r) => setTimeout(r, 600));
    expect(library.published('second')?.title).toBe('Second briefing, edited');

    rmSync(second);
    await within2s(() => library.get('second') === undefined);
    expect(library.published(SEED_ID)).toBeDefined();
  });
});
