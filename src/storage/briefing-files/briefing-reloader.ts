import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BriefingLibrary } from '../../core/briefing/briefing-library.js';
import { formatProblem } from '../../core/briefing/parse-briefing.js';
import type { Logger } from '../../core/ports/runtime.js';
import type { FileResult } from './file-result.js';
import { type LoadOptions, loadBriefingFile } from './load-briefing-dir.js';

/** A "not reloaded" log entry lists this many problems and counts the rest. */
const LOGGED_PROBLEMS = 20;

/**
 * Applies file events to the library: an added or edited file replaces its briefing, a removed
 * file removes it, and a broken edit keeps the last good version in service.
 *
 * An editor's save arrives as several events, so per file: events that come while a reload is
 * running are coalesced into one more reload, and a result identical to the previous one for that
 * file (same bytes, or the same problems) is neither applied nor logged again. One broken save
 * therefore logs one "briefing not reloaded" entry listing all its problems.
 */
export class BriefingReloader {
  /** Each served id and the file it came from, so two files cannot silently fight over one id. */
  private readonly owners = new Map<string, string>();
  private readonly idOfFile = new Map<string, string>();
  /** What the last reload of each file came to; a repeat of it is skipped. */
  private readonly outcome = new Map<string, string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly library: BriefingLibrary,
    initial: readonly FileResult[],
    private readonly log: Logger,
    private readonly options: LoadOptions = {},
  ) {
    for (const r of initial) {
      const name = basename(r.file);
      if (r.briefing) {
        this.owners.set(r.briefing.id, name);
        this.idOfFile.set(name, r.briefing.id);
        if (r.digest) this.outcome.set(name, loaded(r.digest));
      } else {
        // Start-up already logged these problems; the same file again is not news.
        this.outcome.set(name, failed(r.problems.map(formatProblem)));
      }
    }
  }

  /** The file was added or changed. Resolves when it (and any save that came meanwhile) is applied. */
  changed(name: string): Promise<void> {
    const running = this.running.get(name);
    if (running) {
      this.again.add(name);
      return running;
    }
    const run = (async () => {
      try {
        do {
          this.again.delete(name);
          await this.reload(name);
        } while (this.again.has(name) && !this.closed);
      } finally {
        this.running.delete(name);
      }
    })();
    this.running.set(name, run);
    return run;
  }

  removed(name: string): void {
    this.outcome.delete(name);
    const id = this.idOfFile.get(name);
    if (!id || this.closed) return;
    this.idOfFile.delete(name);
    this.owners.delete(id);
    this.library.remove(id);
    this.log.info({ file: name, id }, 'briefing removed');
  }

  /** Stops applying events and waits for the reloads under way. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.running.values());
  }

  private async reload(name: string): Promise<void> {
    const path = join(this.dir, name);
    const result = await loadBriefingFile(path, this.options);
    // Removed while it was being read: the unlink handler has the last word.
    if (this.closed || !existsSync(path)) return;
    if (!result.briefing) return this.notReloaded(name, result.problems.map(formatProblem));

    const id = result.briefing.id;
    const owner = this.owners.get(id);
    if (owner && owner !== name) {
      return this.notReloaded(name, [formatProblem({ file: result.file, line: 2, field: 'id', message: `duplicate id "${id}" (already used by ${owner})` })]);
    }
    const outcome = result.digest ? loaded(result.digest) : undefined;
    if (outcome && this.outcome.get(name) === outcome && this.idOfFile.get(name) === id) return;
    const previousId = this.idOfFile.get(name);
    if (previousId && previousId !== id) {
      this.library.remove(previousId);
      this.owners.delete(previousId);
    }
    this.owners.set(id, name);
    this.idOfFile.set(name, id);
    if (outcome) this.outcome.set(name, outcome);
    else this.outcome.delete(name);
    this.library.set(result.briefing);
    this.log.info({ file: name, id, status: result.briefing.status }, 'briefing reloaded');
  }

  private notReloaded(name: string, problems: string[]): void {
    const outcome = failed(problems);
    if (this.outcome.get(name) === outcome) return;
    this.outcome.set(name, outcome);
    const keeping = this.idOfFile.get(name) ?? null;
    const more = problems.length - LOGGED_PROBLEMS;
    this.log.error(
      { file: name, keeping, problems: problems.slice(0, LOGGED_PROBLEMS), ...(more > 0 ? { moreProblems: more } : {}) },
      keeping
        ? `briefing not reloaded (${count(problems.length)}); the last good version stays in service`
        : `briefing not reloaded (${count(problems.length)}); nothing from this file is served until it is fixed`,
    );
  }
}

const loaded = (digest: string) => `loaded ${digest}`;
const failed = (problems: readonly string[]) => `failed\n${problems.join('\n')}`;
const count = (n: number) => `${n} problem${n === 1 ? '' : 's'}`;
