import { randomUUID } from 'node:crypto';
import { AnswerEngine } from './core/answers/answer-engine.js';
import { BriefingLibrary } from './core/briefing/briefing-library.js';
import { formatProblem } from './core/briefing/parse-briefing.js';
import type { CommandDefinition, CoreServices } from './core/commands/command.js';
import { COMMANDS } from './core/commands/registry.js';
import { AnswerService } from './core/conversations/answer-service.js';
import { DigestService } from './core/digests/digest-service.js';
import { DEFAULT_DIGEST_SETTINGS, type DigestSettings } from './core/digests/digest-settings.js';
import { type Clock, type Logger, systemClock } from './core/ports.js';
import type { Store } from './core/store/store.js';
import { type FileResult, loadBriefingDir } from './storage/briefing-files/load-briefing-dir.js';
import { type BriefingWatcher, watchBriefingDir } from './storage/briefing-files/watch-briefing-dir.js';
import { SqliteStore } from './storage/sqlite/sqlite-store.js';

/**
 * The composition root's core half: store, briefings, answer engine and command registry, wired
 * once. Adapters (console, Discord, Slack) and the scheduler are started on top of this by
 * `cli/start.ts`; tests build it directly with a temporary briefings folder and `:memory:`.
 */
export interface App {
  readonly core: CoreServices;
  readonly store: Store;
  readonly commands: readonly CommandDefinition[];
  readonly loadResults: readonly FileResult[];
  /** Scheduled digests; `cli/start.ts` adds the deliverers and starts the scheduler. */
  readonly digests: DigestService;
  /** Starts hot reload of the briefings folder. */
  watch(): Promise<BriefingWatcher>;
  close(): Promise<void>;
}

export interface AppOptions {
  readonly briefingsDir: string;
  readonly database: string;
  readonly conversationTtlMs: number;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Digest settings (catch-up window, nothing-new policy, concurrency…); defaults otherwise. */
  readonly digests?: Partial<DigestSettings>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const store = SqliteStore.open(options.database);
  const loadResults = await loadBriefingDir(options.briefingsDir);
  for (const r of loadResults) {
    for (const p of r.problems) logger.error({ file: p.file, line: p.line, field: p.field }, `briefing skipped: ${formatProblem(p)}`);
  }
  const library = new BriefingLibrary(loadResults.flatMap((r) => (r.briefing ? [r.briefing] : [])));
  logger.info({ dir: options.briefingsDir, loaded: library.size, broken: loadResults.filter((r) => !r.briefing).length }, 'briefings loaded');

  const answers = new AnswerService(new AnswerEngine(library), store.conversations, clock, options.conversationTtlMs);
  const newId = () => randomUUID().replace(/-/g, '').slice(0, 16);
  const digests = new DigestService({
    subscriptions: store.subscriptions,
    deliveries: store.deliveries,
    library,
    answers,
    clock,
    logger: logger.child({ module: 'digests' }),
    newId,
    settings: { defaultTimezone: 'UTC', ...DEFAULT_DIGEST_SETTINGS, ...options.digests },
  });
  const core: CoreServices = { library, answers, feedback: store.feedback, clock, logger, newId, digests };
  let watcher: BriefingWatcher | undefined;
  return {
    core,
    store,
    commands: COMMANDS,
    digests,
    loadResults,
    async watch() {
      watcher ??= watchBriefingDir(options.briefingsDir, library, loadResults, logger);
      await watcher.ready;
      return watcher;
    },
    async close() {
      await watcher?.close();
      store.close();
    },
  };
}
