import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { RunningAdapter } from './adapters/adapter.js';
import { runConsole } from './adapters/console/console.js';
import { ConsoleDeliverer } from './adapters/console/console-deliverer.js';
import { type Config, DEFAULT_SHUTDOWN_GRACE_MS, loadConfig } from './config/config.js';
import { AnswerEngine } from './core/answers/answer-engine.js';
import { type BotCore, createBotCore } from './core/bot-core.js';
import { BriefingLibrary } from './core/briefing/briefing-library.js';
import { formatProblem } from './core/briefing/parse-briefing.js';
import type { CommandDefinition, CoreServices } from './core/commands/command.js';
import { COMMANDS } from './core/commands/registry.js';
import { ConversationService } from './core/conversations/conversation-service.js';
import { parseDeclaredDigests } from './core/digests/declared-digests.js';
import { DigestService } from './core/digests/digest-service.js';
import { DEFAULT_DIGEST_SETTINGS, type DigestSettings } from './core/digests/digest-settings.js';
import { ErrorCode, UserError } from './core/errors.js';
import type { Deliverer } from './core/ports/deliverer.js';
import { type Metrics, noMetrics } from './core/ports/metrics.js';
import { type Clock, type Logger, systemClock } from './core/ports/runtime.js';
import type { Store } from './core/ports/storage.js';
import { prepareWordVectors } from './core/text/vectors.js';
import { createLogger } from './logger.js';
import { DeliveryDrain } from './ops/delivery-drain.js';
import { MeteredConversationService } from './ops/metered-conversations.js';
import { meterStore } from './ops/metered-store.js';
import type { OpsServer } from './ops/ops-server.js';
import { botReadinessChecks, readiness } from './ops/readiness.js';
import { DigestScheduler } from './scheduling/digest-scheduler.js';
import { type FileResult, loadBriefingDir } from './storage/briefing-files/load-briefing-dir.js';
import { type BriefingWatcher, watchBriefingDir } from './storage/briefing-files/watch-briefing-dir.js';
import { openStore } from './storage/open-store.js';

/**
 * The composition root: config → logger → store → briefings (loaded, then hot-reloaded) → answer
 * engine → conversations → digests → the core adapters call → adapters and scheduler. Everything is
 * built here once; nothing is configured afterwards. Platform SDKs are imported only when their
 * adapter or deliverer is needed, so the CLI's tools never load them.
 */

/** What tests (and the CLI's tools) choose instead of the configuration's defaults. */
export interface BotOverrides {
  readonly clock?: Clock;
  /** Replaces the deliverers the configuration implies: tests pass scripted ones, tools pass none. */
  readonly deliverers?: readonly Deliverer[] | ((conversations: ConversationService) => readonly Deliverer[]);
  /** Replaces the command registry (tests add a deliberately slow command). */
  readonly commands?: readonly CommandDefinition[];
  /** Digest settings the environment does not set (lease, retry backoff, owner); tests shorten them. */
  readonly digests?: Partial<DigestSettings> & { readonly owner?: string };
  /** The console's terminal when no platform is configured (default stdin and stdout). */
  readonly console?: { readonly input: Readable; readonly output: Writable; readonly interactive: boolean };
  /**
   * What the bot counts. Default: Prometheus metrics (served on the ops listener) when the ops listener is
   * configured, else nothing.
   */
  readonly metrics?: Metrics;
}

/** The services behind the core: for the CLI's tools and for tests that look into the store. */
export interface BotServices extends CoreServices {
  readonly config: Config;
  /** The store as the bot uses it: failed calls counted in the metrics, claims refused once shutdown began. */
  readonly store: Store;
  readonly loadResults: readonly FileResult[];
  readonly metrics: Metrics;
}

export interface Bot {
  /** What adapters call. */
  readonly core: BotCore;
  readonly services: BotServices;
  /** Syncs config-declared digests, starts hot reload, the adapters (or the console) and the digest scheduler. */
  start(): Promise<void>;
  /** Stops what `start` started and closes the store; safe to call more than once, and without `start`. */
  stop(): Promise<void>;
  /** Resolves once the bot has stopped (after `stop()`, including the console's input ending). */
  readonly stopped: Promise<void>;
  /** The ops listener's address once started (undefined when it is off or not started). */
  opsAddress(): { readonly host: string; readonly port: number } | undefined;
}

/** How often expired conversations and handled-event ids are deleted (reads already ignore them). */
const PURGE_EVERY_MS = 60 * 60_000;

export async function composeBot(config: Config, logger: Logger, overrides: BotOverrides = {}): Promise<Bot> {
  const clock = overrides.clock ?? systemClock;
  // prom-client is loaded only where the ops listener will serve it, so the CLI's tools never load it.
  const prometheus = !overrides.metrics && config.ops ? new (await import('./ops/prometheus-metrics.js')).PrometheusMetrics() : undefined;
  const metrics: Metrics = overrides.metrics ?? prometheus ?? noMetrics;
  const { owner: ownerOverride, ...digestOverrides } = overrides.digests ?? {};
  // This process's identity in digest claims: shutdown releases what it still holds under this name.
  const owner = ownerOverride ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const drain = new DeliveryDrain(owner);
  const opened = await openStore(config.database, { poolSize: config.databasePoolSize, logger: logger.child({ module: 'store' }) });
  const metered = meterStore(opened, metrics);
  const store: Store = { ...metered, deliveries: drain.wrap(metered.deliveries) };
  const loadOptions = config.briefingMaxBytes ? { maxBytes: config.briefingMaxBytes } : {};
  let loadResults: FileResult[];
  try {
    loadResults = await loadBriefingDir(config.briefingsDir, loadOptions);
  } catch (error) {
    await store.close();
    throw error;
  }
  for (const r of loadResults) {
    for (const p of r.problems) logger.error({ file: p.file, line: p.line, field: p.field }, `briefing skipped: ${formatProblem(p)}`);
  }
  const library = new BriefingLibrary(loadResults.flatMap((r) => (r.briefing ? [r.briefing] : [])));
  // Built by `npm install`; made here if that step was skipped (a few seconds, once).
  await prepareWordVectors();
  logger.info({ dir: config.briefingsDir, loaded: library.size, broken: loadResults.filter((r) => !r.briefing).length, store: store.kind }, 'briefings loaded');
  prometheus?.countBriefingsWith(() => library.list().length);

  const engine = new AnswerEngine(library);
  // The first question would otherwise load WordNet, the word vectors and wink-nlp and index the
  // briefings, stalling every other request for seconds: done here, before anything can listen.
  engine.warmUp();
  const conversationDeps = {
    engine,
    conversations: store.conversations,
    unanswered: store.unanswered,
    clock,
    ttlMs: config.conversationTtlMs,
  };
  const conversations: ConversationService =
    metrics === noMetrics ? new ConversationService(conversationDeps) : new MeteredConversationService(conversationDeps, metrics);
  const consoleMode = !config.discord && !config.slack;
  const terminal = overrides.console ?? { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true };
  const deliverers =
    typeof overrides.deliverers === 'function'
      ? overrides.deliverers(conversations)
      : (overrides.deliverers ?? (await configuredDeliverers(config, conversations, consoleMode ? terminal.output : undefined, logger)));
  const newId = () => randomUUID().replace(/-/g, '').slice(0, 16);
  const digestLogger = logger.child({ module: 'digests' });
  const digests = new DigestService({
    subscriptions: store.subscriptions,
    deliveries: store.deliveries,
    library,
    conversations,
    clock,
    logger: digestLogger,
    newId,
    settings: { ...digestSettings(config), ...digestOverrides },
    deliverers,
    owner,
  });
  const services: BotServices = { config, store, loadResults, library, conversations, feedback: store.feedback, digests, clock, logger, newId, metrics };
  const core = createBotCore(services, overrides.commands ?? COMMANDS, store.events);

  const adapters = new Map<string, RunningAdapter>();
  let ops: OpsServer | undefined;
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  let stoppedResolve!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stoppedResolve = resolve;
  });
  const graceMs = config.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  /**
   * Shutdown: readiness turns 503 and claims stop at once; the adapters, hot reload and the scheduler's
   * triggers stop together (no new work); digest deliveries in flight get `graceMs` to finish, and whatever
   * is still held then is released for another replica; the ops listener and the store close last.
   */
  const stop = () => {
    stopping ??= (async () => {
      const began = Date.now();
      const inFlight = drain.begin(graceMs);
      if (inFlight > 0) logger.info({ inFlight, graceMs }, 'stopping: taking no new work; waiting for digest deliveries in flight');
      await Promise.all(stops.reverse().map((s) => s().catch((err: unknown) => logger.error({ err }, 'stopping failed'))));
      const report = await drain.settle(store.deliveries, clock()).catch((err: unknown) => {
        logger.error({ err }, 'releasing digest deliveries failed');
        return { inFlight, finished: 0, released: 0 };
      });
      await ops?.stop();
      await store.close();
      logger.info(
        { ...report, ms: Date.now() - began },
        `briefbot stopped: ${report.finished} digest deliveries finished, ${report.released} released to other replicas`,
      );
      stoppedResolve();
    })();
    return stopping;
  };

  // A signal can arrive while start-up is under way: what starts after `stop()` began is undone at once.
  const onStop = async (undo: () => Promise<void>) => {
    if (stopping) await undo();
    else stops.push(undo);
  };

  async function start(): Promise<void> {
    try {
      await startAll();
    } catch (error) {
      await stop();
      throw error;
    }
  }

  async function startAll(): Promise<void> {
    // The ops listener first, so health checks answer (and readiness says what is missing) during start-up.
    if (config.ops) {
      const { startOpsServer } = await import('./ops/ops-server.js');
      const checks = botReadinessChecks({
        config,
        store,
        briefings: () => library.list().length,
        adapters: () => adapters,
        stopping: () => stopping !== undefined,
      });
      ops = await startOpsServer({
        ...config.ops,
        readiness: () => readiness(checks),
        ...(prometheus ? { metrics: prometheus } : {}),
        logger: logger.child({ module: 'ops' }),
      }).catch((error: unknown) => {
        const { code } = error as { code?: string };
        if (code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL' && code !== 'EACCES') throw error;
        const where = `${config.ops?.host}:${config.ops?.port}`;
        throw new UserError(
          ErrorCode.ConfigInvalid,
          `BRIEFBOT_OPS_PORT: the ops listener cannot listen on ${where} (${code}); choose another BRIEFBOT_OPS_HOST/BRIEFBOT_OPS_PORT, or BRIEFBOT_OPS_PORT=off.`,
        );
      });
      if (stopping) {
        await ops.stop(); // stop() may already have passed the point where it closes the listener
        return;
      }
    }
    // Declared digests are validated (a bad entry stops start-up) and stored before anything listens.
    await digests.syncDeclared(parseDeclaredDigests(config.digests, config.timezone));
    const watcher: BriefingWatcher = watchBriefingDir(config.briefingsDir, library, loadResults, logger, loadOptions);
    await onStop(() => watcher.close());
    await watcher.ready;
    const purge = setInterval(() => {
      const now = clock();
      Promise.all([store.conversations.purgeExpired(now), store.events.purgeExpired(now)]).catch((err: unknown) => logger.error({ err }, 'purge failed'));
    }, PURGE_EVERY_MS);
    purge.unref();
    await onStop(async () => clearInterval(purge));

    for (const adapter of await startAdapters(config, core, logger)) {
      adapters.set(adapter.name, adapter);
      await onStop(() => adapter.stop());
    }
    if (stopping) return;
    const scheduler = new DigestScheduler(digests, { logger: digestLogger });
    // Its triggers stop at once; the tick in progress (deliveries in flight) gets the grace period.
    await onStop(() => drain.bounded(scheduler.stop()));
    await scheduler.start();
    if (stopping) return;
    digestLogger.info({ subscriptions: (await digests.activeSubscriptions()).length }, 'digest scheduler started');

    if (consoleMode) {
      logger.info({}, 'no platform configured; opening the local console');
      // Console mode: only digests subscribed from the console run here, printed to the console.
      runConsole(core, terminal.input, terminal.output, { interactive: terminal.interactive })
        .catch((err: unknown) => logger.error({ err }, 'console failed'))
        .finally(() => void stop());
    } else {
      logger.info({ adapters: [config.discord && 'discord', config.slack && 'slack'].filter(Boolean) }, 'briefbot started');
    }
  }

  return { core, services, start, stop, stopped, opsAddress: () => (ops ? { host: ops.host, port: ops.port } : undefined) };
}

function digestSettings(config: Config): DigestSettings {
  return {
    ...DEFAULT_DIGEST_SETTINGS,
    defaultTimezone: config.timezone,
    catchUpMs: config.digestSettings.catchUpMinutes * 60_000,
    nothingNew: config.digestSettings.nothingNew,
    concurrency: config.digestSettings.concurrency,
  };
}

/** One deliverer per platform this process can post to; a process only plans slots for those. */
async function configuredDeliverers(
  config: Config,
  conversations: ConversationService,
  consoleOutput: Writable | undefined,
  logger: Logger,
): Promise<Deliverer[]> {
  const out: Deliverer[] = [];
  if (config.discord?.token) {
    const { DiscordDeliverer } = await import('./adapters/discord/discord-deliverer.js');
    out.push(new DiscordDeliverer({ token: config.discord.token, apiBase: config.discord.apiBase }));
  } else if (config.discord) {
    logger.warn({}, 'DISCORD_TOKEN is not set: Discord digests cannot be delivered by this process');
  }
  if (config.slack) {
    const { SlackDeliverer } = await import('./adapters/slack/slack-deliverer.js');
    out.push(new SlackDeliverer({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, conversations }));
  }
  if (consoleOutput) out.push(new ConsoleDeliverer(consoleOutput));
  return out;
}

async function startAdapters(config: Config, core: BotCore, logger: Logger): Promise<RunningAdapter[]> {
  const running: RunningAdapter[] = [];
  try {
    if (config.discord) {
      const { startDiscord } = await import('./adapters/discord/start-discord.js');
      running.push(await startDiscord(config.discord, core, logger.child({ platform: 'discord' })));
    }
    if (config.slack) {
      const { startSlackAdapter } = await import('./adapters/slack/slack-app.js');
      running.push(await startSlackAdapter(config.slack, core, logger.child({ platform: 'slack' })));
    }
  } catch (error) {
    // One platform failing to start stops the ones already running, so the process can exit cleanly.
    for (const a of running.reverse()) await a.stop().catch(() => {});
    throw error;
  }
  return running;
}

/**
 * Config and the root logger, as every CLI command begins. Tools prefer quieter logs than the bot;
 * LOG_LEVEL, when set, wins. `database` overrides BRIEFBOT_DATABASE (tools default to memory).
 */
export function configure(options: { database?: string; logLevel?: string | ((config: Config) => string | undefined) } = {}) {
  const loaded = loadConfig();
  const config: Config = options.database ? { ...loaded, database: options.database } : loaded;
  const preferred = typeof options.logLevel === 'function' ? options.logLevel(config) : options.logLevel;
  const level = preferred && !process.env.LOG_LEVEL ? preferred : config.log.level;
  return { config, logger: createLogger({ level, format: config.log.format }) };
}
