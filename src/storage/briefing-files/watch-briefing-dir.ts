import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { watch } from 'chokidar';
import type { BriefingLibrary } from '../../core/briefing/briefing-library.js';
import { formatProblem } from '../../core/briefing/parse-briefing.js';
import type { Logger } from '../../core/ports/runtime.js';
import { BRIEFING_EXTENSION, type FileResult, loadBriefingFile } from './load-briefing-dir.js';

export interface BriefingWatcher {
  /** Resolves once the watcher is watching. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Hot reload: an added or edited file replaces its briefing, a removed file removes it. A broken
 * edit keeps the last good version being served and logs each problem. `owners` maps each served
 * id to the file it came from, so two files cannot silently fight over one id.
 */
export function watchBriefingDir(dir: string, library: BriefingLibrary, initial: readonly FileResult[], logger: Logger): BriefingWatcher {
  const owners = new Map<string, string>();
  const idOfFile = new Map<string, string>();
  for (const r of initial) {
    if (!r.briefing) continue;
    owners.set(r.briefing.id, basename(r.file));
    idOfFile.set(basename(r.file), r.briefing.id);
  }
  const log = logger.child({ component: 'briefing-watcher' });

  const reload = async (name: string) => {
    const result = await loadBriefingFile(join(dir, name));
    // Removed while it was being read: the unlink handler has the last word.
    if (!existsSync(join(dir, name))) return;
    if (!result.briefing) {
      for (const p of result.problems) log.error({ file: p.file, line: p.line, field: p.field }, formatProblem(p));
      log.warn({ file: name, keeping: idOfFile.get(name) ?? null }, 'briefing not reloaded; the last good version stays in service');
      return;
    }
    const id = result.briefing.id;
    const owner = owners.get(id);
    if (owner && owner !== name) {
      log.error({ file: name, id, owner }, `${name}: id: duplicate id "${id}" (already used by ${owner}); not loaded`);
      return;
    }
    const previousId = idOfFile.get(name);
    if (previousId && previousId !== id) {
      library.remove(previousId);
      owners.delete(previousId);
    }
    owners.set(id, name);
    idOfFile.set(name, id);
    library.set(result.briefing);
    log.info({ file: name, id, status: result.briefing.status }, 'briefing reloaded');
  };

  const removed = (name: string) => {
    const id = idOfFile.get(name);
    if (!id) return;
    idOfFile.delete(name);
    owners.delete(id);
    library.remove(id);
    log.info({ file: name, id }, 'briefing removed');
  };

  const watcher = watch(dir, {
    ignoreInitial: true,
    depth: 0,
    // Editors write in several steps; wait for the file to settle before reading it.
    awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 50 },
  });
  const only = (handler: (name: string) => unknown) => (path: string) => {
    const name = basename(path);
    if (name.endsWith(BRIEFING_EXTENSION)) void Promise.resolve(handler(name)).catch((err) => log.error({ err, file: name }, 'reload failed'));
  };
  watcher.on('add', only(reload)).on('change', only(reload)).on('unlink', only(removed));
  watcher.on('error', (err) => log.error({ err }, 'briefing watcher error'));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return { ready, close: () => watcher.close() };
}
