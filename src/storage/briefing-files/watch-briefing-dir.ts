import { basename } from 'node:path';
import { watch } from 'chokidar';
import type { BriefingLibrary } from '../../core/briefing/briefing-library.js';
import type { Logger } from '../../core/ports/runtime.js';
import { BriefingReloader } from './briefing-reloader.js';
import type { FileResult } from './file-result.js';
import { BRIEFING_EXTENSION, type LoadOptions } from './load-briefing-dir.js';

export interface BriefingWatcher {
  /** Resolves once the watcher is watching. */
  ready: Promise<void>;
  /** Stops watching and waits for the reloads under way. */
  close(): Promise<void>;
}

/**
 * Hot reload: an added or edited file replaces its briefing, a removed file removes it. A broken
 * edit keeps the last good version being served and logs its problems once (see `BriefingReloader`).
 * Files load as at start-up (`options` as for `loadBriefingDir`), large ones off the main thread.
 */
export function watchBriefingDir(
  dir: string,
  library: BriefingLibrary,
  initial: readonly FileResult[],
  logger: Logger,
  options: LoadOptions = {},
): BriefingWatcher {
  const log = logger.child({ component: 'briefing-watcher' });
  const reloader = new BriefingReloader(dir, library, initial, log, options);
  const watcher = watch(dir, {
    ignoreInitial: true,
    depth: 0,
    // Editors write in several steps; wait for the file to settle before reading it.
    awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 50 },
  });
  const only = (handler: (name: string) => unknown) => (path: string) => {
    const name = basename(path);
    if (!name.endsWith(BRIEFING_EXTENSION)) return;
    // A last line of defence: loading never rejects for a file's content.
    void Promise.resolve()
      .then(() => handler(name))
      .catch((err) => log.error({ err, file: name }, 'reload failed'));
  };
  const changed = only((name) => reloader.changed(name));
  watcher.on('add', changed).on('change', changed);
  watcher.on(
    'unlink',
    only((name) => reloader.removed(name)),
  );
  watcher.on('error', (err) => log.error({ err }, 'briefing watcher error'));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      await watcher.close();
      await reloader.close();
    },
  };
}
