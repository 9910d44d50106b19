import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../digests/helpers/digest-bot.js';
import { waitFor } from '../fakes/fake-slack.js';
import { SEED_DIR, testBot } from '../helpers/bot.js';
import { discordSigner } from '../helpers/ed25519.js';

/**
 * `briefbot start` as a real child process (Discord HTTP-interactions mode, digests to a fake Discord that
 * holds every message until the test lets it through), sent SIGTERM while deliveries are in flight.
 */
const ROOT = join(import.meta.dirname, '../..');
const CHANNELS = 6;
const CONCURRENCY = 3;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A Discord REST API whose message posts wait until `answer()` lets one through. */
class HoldingDiscord {
  readonly held: { channel: string; res: ServerResponse }[] = [];
  posts = 0;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _ of req);
    const m = /\/channels\/(\d+)\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"404: Not Found","code":0}');
      return;
    }
    this.posts++;
    this.held.push({ channel: m[1] as string, res });
  }

  /** Lets the oldest held post through as created. */
  answer(): void {
    const next = this.held.shift();
    if (!next) throw new Error('nothing held');
    const body = JSON.stringify({ id: `${Date.now()}${this.posts}`, channel_id: next.channel, content: '', embeds: [], components: [] });
    next.res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

interface LogLine {
  readonly msg?: string;
  readonly [key: string]: unknown;
}

/** The child's stderr as pino JSON lines. */
function logLines(proc: ChildProcess): LogLine[] {
  const lines: LogLine[] = [];
  let partial = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) {
      try {
        lines.push(JSON.parse(p) as LogLine);
      } catch {
        lines.push({ msg: p });
      }
    }
  });
  return lines;
}

const logged = (lines: LogLine[], msg: string | RegExp, timeoutMs = 30_000) =>
  waitFor(() => lines.find((l) => (typeof msg === 'string' ? l.msg === msg : msg.test(l.msg ?? ''))), timeoutMs, `log line ${msg}`);

const exited = (proc: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve({ code: proc.exitCode, signal: proc.signalCode });
    else proc.once('exit', (code, signal) => resolve({ code, signal }));
  });

/**
 * A database with CHANNELS Discord digests, subscribed five minutes ago, hourly at the minute that was two
 * minutes ago: one slot is due at start, and none comes due while the test runs.
 */
async function prepare(): Promise<{ dir: string; db: string }> {
  const { dir, cleanup } = tempDir('briefbot-shutdown-');
  cleanups.push(cleanup);
  const db = join(dir, 'bot.db');
  const bot = await testBot({ database: db, clock: () => new Date(Date.now() - 5 * 60_000) });
  const ids = Array.from({ length: CHANNELS }, (_, i) => `7${String(i).padStart(17, '0')}`);
  const schedule = `${(new Date().getUTCMinutes() + 58) % 60} * * * *`;
  for (const id of ids) await bot.services.digests.subscribe({ platform: 'discord', channelId: id, schedule, timezone: 'UTC', userId: 'test' });
  await bot.stop();
  return { dir, db };
}

function startCli(dir: string, db: string, discord: HoldingDiscord, graceSeconds: number): { proc: ChildProcess; lines: LogLine[] } {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/briefbot.js'), 'start'], {
    // A folder of its own: no .env or config/ of the checkout applies; every path given is absolute.
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      BRIEFBOT_DATABASE: db,
      BRIEFBOT_BRIEFINGS_DIR: SEED_DIR,
      DISCORD_MODE: 'http',
      DISCORD_PUBLIC_KEY: discordSigner().publicKeyHex,
      DISCORD_APPLICATION_ID: '845027738276462632',
      DISCORD_TOKEN: 'shutdown-test-token',
      DISCORD_API_BASE: discord.url,
      DISCORD_HTTP_PORT: '0',
      BRIEFBOT_OPS_PORT: '0',
      BRIEFBOT_DIGEST_CONCURRENCY: String(CONCURRENCY),
      BRIEFBOT_DIGEST_NOTHING_NEW: 'post',
      BRIEFBOT_SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  cleanups.push(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  return { proc, lines: logLines(proc) };
}

describe('graceful shutdown of `briefbot start` (child process)', () => {
  it('SIGTERM: readiness turns 503, no new delivery is claimed, in-flight ones finish or are released at the deadline, the store is closed, exit 0', async () => {
    const { dir, db } = await prepare();
    const discord = await new HoldingDiscord().start();
    cleanups.push(() => discord.close());
    const { proc, lines } = startCli(dir, db, discord, 6);

    const ops = `http://127.0.0.1:${(await logged(lines, 'ops listener listening')).port as number}`;
    await waitFor(() => discord.held.length === CONCURRENCY, 30_000, `${CONCURRENCY} digest posts in flight`);
    expect((await fetch(`${ops}/readyz`)).status).toBe(200);

    proc.kill('SIGTERM');
    const stopping = await logged(lines, 'stopping: taking no new work; waiting for digest deliveries in flight');
    expect(stopping.inFlight).toBe(CONCURRENCY);
    // While it drains: alive, but not ready, so a load balancer stops sending it work.
    expect((await fetch(`${ops}/healthz`)).status).toBe(200);
    const readyz = await fetch(`${ops}/readyz`);
    expect(readyz.status).toBe(503);
    expect(((await readyz.json()) as { reasons: string[] }).reasons).toContain('shutdown: shutting down');

    // One delivery finishes within the grace period; the other two are still waiting on Discord at its end.
    discord.answer();
    const { code } = await exited(proc);
    expect(code).toBe(0);
    const stopped = await logged(lines, /^briefbot stopped: /);
    expect(stopped).toMatchObject({ inFlight: CONCURRENCY, finished: 1, released: CONCURRENCY - 1 });
    expect(stopped.msg).toBe('briefbot stopped: 1 digest deliveries finished, 2 released to other replicas');
    // No delivery was claimed after the signal, although workers were free and three channels still due.
    expect(discord.posts).toBe(CONCURRENCY);
    // The store was closed: SQLite folds its write-ahead log back and removes it when the last connection closes.
    expect(existsSync(`${db}-wal`)).toBe(false);

    // Another replica can resume the released deliveries at once (their lease ended at shutdown, not in 2 minutes).
    const next = await testBot({ database: db });
    cleanups.push(() => next.stop());
    const { store } = next.services;
    const rows = await Promise.all((await store.subscriptions.list()).map((s) => store.deliveries.latest(s.id)));
    const byState = (state: string) => rows.filter((r) => r?.state === state);
    expect(byState('sent')).toHaveLength(1);
    expect(byState('sending')).toHaveLength(CONCURRENCY - 1);
    const claimable = await store.deliveries.claimable(new Date());
    expect(claimable.map((d) => d.id).sort()).toEqual(
      rows
        .filter((r) => r?.state !== 'sent')
        .map((r) => r?.id)
        .sort(),
    );
  }, 90_000);

  it('a second signal exits at once, without waiting for the grace period', async () => {
    const { dir, db } = await prepare();
    const discord = await new HoldingDiscord().start();
    cleanups.push(() => discord.close());
    const { proc, lines } = startCli(dir, db, discord, 600);
    await waitFor(() => discord.held.length === CONCURRENCY, 30_000, `${CONCURRENCY} digest posts in flight`);
    proc.kill('SIGTERM');
    await logged(lines, 'stopping: taking no new work; waiting for digest deliveries in flight');
    proc.kill('SIGTERM');
    // The grace period is ten minutes: only the second signal can end the process within this test's timeout.
    expect(await exited(proc)).toEqual({ code: 143, signal: null });
    expect(lines.some((l) => l.msg === 'second signal: exiting now, without waiting for the shutdown to finish')).toBe(true);
    expect(lines.some((l) => /^briefbot stopped/.test(l.msg ?? ''))).toBe(false);
  }, 90_000);
});
