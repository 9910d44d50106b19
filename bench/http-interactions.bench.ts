import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * HTTP interactions benchmark: signed requests per second through one replica in HTTP mode (`briefbot start`,
 * a child process, SQLite file, logs at info), next to a bare `node:http` server (also a child process) that
 * only checks the signature and answers:
 * - Discord: signed `/ask` interactions (Ed25519) vs a server that verifies Ed25519 and answers PONG;
 * - Slack: signed `/ask` slash commands (HMAC-SHA256) vs a server that checks the signing secret.
 * The load generator runs here: keep-alive, a fixed concurrency, requests signed before the clock starts.
 * Both servers are measured in the same run, alternating, `ROUNDS` times; medians are printed as JSON lines,
 * then the ratio bot ÷ bare per platform (target ≥ 0.5).
 */
const ROOT = join(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS ?? 2_000);
const WARMUP = 300;
const CONCURRENCY = Number(process.env.BENCH_HTTP_CONCURRENCY ?? 16);
const TARGET = 0.5;
const SIGNING_SECRET = 'bench-signing-secret';
const emit = (o: object) => console.log(JSON.stringify(o));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** What people ask: answered from the seed briefing, and one it does not cover. */
const QUESTIONS = [
  'How many US troops are in Niger?',
  'Why are US troops leaving Niger?',
  'Who entered the airbase?',
  'What did Airbase 201 cost?',
  'When will the withdrawal be complete?',
  'Which hangar are the Russians using?',
  'What is the price of oil today?',
  'Where is Airbase 101?',
];

/** The bare servers: nothing but the signature check and a constant answer. */
const BARE_DISCORD = `
const { createServer } = require('node:http');
const { createPublicKey, verify } = require('node:crypto');
const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(process.env.PUBLIC_KEY, 'hex')]), format: 'der', type: 'spki' });
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const sig = req.headers['x-signature-ed25519'], ts = req.headers['x-signature-timestamp'];
    let ok = false;
    try { ok = typeof sig === 'string' && typeof ts === 'string' && verify(null, Buffer.concat([Buffer.from(ts), body]), key, Buffer.from(sig, 'hex')); } catch {}
    if (!ok) { res.writeHead(401).end('invalid request signature'); return; }
    const text = JSON.stringify({ type: 1 });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
`;
const BARE_SLACK = `
const { createServer } = require('node:http');
const { createHmac, timingSafeEqual } = require('node:crypto');
const secret = process.env.SIGNING_SECRET;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const ts = req.headers['x-slack-request-timestamp'], sig = req.headers['x-slack-signature'];
    const fresh = typeof ts === 'string' && Math.abs(Date.now() / 1000 - Number(ts)) <= 300;
    const want = Buffer.from('v0=' + createHmac('sha256', secret).update('v0:' + ts + ':').update(body).digest('hex'));
    if (!fresh || typeof sig !== 'string' || sig.length !== want.length || !timingSafeEqual(Buffer.from(sig), want)) { res.writeHead(401).end(); return; }
    res.writeHead(200, { 'content-length': 0 }).end();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
`;

interface Target {
  readonly port: number;
  close(): Promise<void>;
}

interface Signed {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

interface RoundResult {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly failed: number;
}

/** A child process that prints (or logs) its port; resolves once it is listening. */
function child(args: string[], env: Record<string, string>, portOf: (line: Record<string, unknown>) => number | undefined): Promise<Target> {
  const proc: ChildProcess = spawn(process.execPath, args, {
    cwd: env.CWD ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const text of lines) {
        let line: Record<string, unknown>;
        try {
          line = JSON.parse(text) as Record<string, unknown>;
        } catch {
          continue;
        }
        const port = portOf(line);
        if (port) {
          proc.stdout?.off('data', onData);
          proc.stderr?.off('data', onData);
          // Keep draining the pipes so the child never blocks on a full one.
          proc.stdout?.resume();
          proc.stderr?.resume();
          resolve({
            port,
            close: () =>
              new Promise<void>((done) => {
                if (proc.exitCode !== null) return done();
                proc.once('exit', () => done());
                proc.kill('SIGTERM');
              }),
          });
        }
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before listening`)));
  });
}

/** `briefbot start` as an operator runs it, in a folder of its own with absolute paths. */
function startBot(env: Record<string, string>, portMessage: string): Promise<Target & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-http-bench-'));
  return child(
    [join(ROOT, 'bin/briefbot.js'), 'start'],
    {
      CWD: dir,
      BRIEFBOT_DATABASE: join(dir, 'bot.db'),
      BRIEFBOT_BRIEFINGS_DIR: join(ROOT, 'briefings'),
      BRIEFBOT_OPS_PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
    },
    (line) => (line.msg === portMessage ? (line.port as number) : undefined),
  ).then((t) => ({
    ...t,
    dir,
    close: async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  }));
}

/** Sends every request with `concurrency` in flight over keep-alive connections; latency per request. */
async function load(port: number, requests: readonly Signed[], concurrency: number): Promise<RoundResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const one = (r: Signed) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: r.path, agent, headers: { ...r.headers, 'content-length': String(r.body.length) } },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const t0 = performance.now();
        const status = await one(requests[i] as Signed);
        latencies.push(performance.now() - t0);
        if (status !== 200) failed++;
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] as number;
  return { rps: Math.round((requests.length / elapsed) * 1000), p50_ms: round2(pct(0.5)), p99_ms: round2(pct(0.99)), failed };
}

// ---- Discord -------------------------------------------------------------------------------

let snowflake = 1_100_000_000_000_000_000n;
function discordRequests(n: number, privateKey: ReturnType<typeof generateKeyPairSync>['privateKey']): Signed[] {
  const ts = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: n }, (_, i) => {
    const id = String(snowflake++);
    const body = Buffer.from(
      JSON.stringify({
        id,
        application_id: '845027738276462632',
        type: 2,
        token: `bench-token-${id}`,
        version: 1,
        guild_id: '290926798626357999',
        channel_id: '645027906669510667',
        member: { user: { id: '53908232506183680', username: 'bench', discriminator: '0' }, roles: [], permissions: '2248473465835073' },
        app_permissions: '442368',
        locale: 'en-US',
        data: { id: '771825006014889984', name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: QUESTIONS[i % QUESTIONS.length] }] },
      }),
    );
    const signature = sign(null, Buffer.concat([Buffer.from(ts), body]), privateKey).toString('hex');
    return { path: '/interactions', headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': ts }, body };
  });
}

// ---- Slack ---------------------------------------------------------------------------------

function slackRequests(n: number, responseUrl: string): Signed[] {
  const ts = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: n }, (_, i) => {
    const body = Buffer.from(
      new URLSearchParams({
        token: 'deprecated',
        team_id: 'T1',
        team_domain: 'bench',
        channel_id: 'C1',
        channel_name: 'news',
        user_id: `U${i % 50}`,
        user_name: 'bench',
        command: '/ask',
        text: QUESTIONS[i % QUESTIONS.length] as string,
        response_url: responseUrl,
        trigger_id: `${i}.1.2`,
        api_app_id: 'A1',
      }).toString(),
    );
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:`).update(body).digest('hex')}`;
    return {
      path: '/slack/events',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
      body,
    };
  });
}

/** Just enough Slack Web API for the bot to start (auth.test), and a response_url sink. */
async function fakeSlackApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = req.url?.startsWith('/api/auth.test')
        ? { ok: true, url: 'https://bench.example/', team: 'Bench', user: 'briefbot', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' }
        : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- the comparison ------------------------------------------------------------------------

async function compare(platform: 'discord' | 'slack', bot: Target, bare: Target, make: (n: number) => Signed[]): Promise<void> {
  // Warm both (JIT, SQLite pages, the answer engine's per-briefing index) before anything is timed.
  await load(bot.port, make(WARMUP), CONCURRENCY);
  await load(bare.port, make(WARMUP), CONCURRENCY);
  const results: Record<'bot' | 'bare', RoundResult[]> = { bot: [], bare: [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating, so a noisy moment on the machine does not land on one side only.
    for (const side of round % 2 === 0 ? (['bare', 'bot'] as const) : (['bot', 'bare'] as const)) {
      results[side].push(await load((side === 'bot' ? bot : bare).port, make(REQUESTS), CONCURRENCY));
    }
  }
  const summary = (side: 'bot' | 'bare') => {
    const rs = results[side];
    return {
      rps: median(rs.map((r) => r.rps)),
      p50_ms: median(rs.map((r) => r.p50_ms)),
      p99_ms: median(rs.map((r) => r.p99_ms)),
      failed: rs.reduce((n, r) => n + r.failed, 0),
      rps_rounds: rs.map((r) => r.rps),
    };
  };
  const sides = { bot: summary('bot'), bare: summary('bare') };
  const base = { bench: 'http_interactions', platform, requests: REQUESTS, concurrency: CONCURRENCY, rounds: ROUNDS, median_of: 'rounds' };
  emit({ ...base, server: platform === 'discord' ? 'bot /ask (discord http mode)' : 'bot /ask (slack http mode)', ...sides.bot });
  emit({ ...base, server: platform === 'discord' ? 'bare: verify ed25519, PONG' : 'bare: check signing secret, 200', ...sides.bare });
  const ratio = Math.round((sides.bot.rps / sides.bare.rps) * 1000) / 1000;
  const perRound = results.bot.map((r, i) => Math.round((r.rps / (results.bare[i] as RoundResult).rps) * 1000) / 1000);
  emit({
    bench: 'http_interactions',
    platform,
    ratio,
    median_round_ratio: median(perRound),
    ratio_rounds: perRound,
    target: TARGET,
    meets_target: ratio >= TARGET,
  });
}

export async function run(): Promise<void> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');

  const discordBot = await startBot(
    {
      DISCORD_MODE: 'http',
      DISCORD_PUBLIC_KEY: publicKeyHex,
      DISCORD_APPLICATION_ID: '845027738276462632',
      DISCORD_HTTP_PORT: '0',
      // Never called for /ask answered in the response; a closed port if it were.
      DISCORD_API_BASE: 'http://127.0.0.1:9/api',
    },
    'discord interactions endpoint listening',
  );
  const discordBare = await child(['-e', BARE_DISCORD], { PUBLIC_KEY: publicKeyHex }, (l) => l.port as number);
  try {
    await compare('discord', discordBot, discordBare, (n) => discordRequests(n, privateKey));
  } finally {
    await discordBot.close();
    await discordBare.close();
  }

  const api = await fakeSlackApi();
  const slackBot = await startBot(
    { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_HTTP_PORT: '0', SLACK_API_URL: `${api.url}/api/` },
    'slack adapter listening (HTTP)',
  );
  const slackBare = await child(['-e', BARE_SLACK], { SIGNING_SECRET }, (l) => l.port as number);
  try {
    await compare('slack', slackBot, slackBare, (n) => slackRequests(n, `${api.url}/respond/1`));
  } finally {
    await slackBot.close();
    await slackBare.close();
    await api.close();
  }
}

// `npx tsx bench/http-interactions.bench.ts` runs it alone; `npm run bench http` runs it through bench/run.ts.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
