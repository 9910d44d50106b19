import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { register as globalRegistry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../src/adapters/adapter.js';
import { DEFAULT_OPS_PORT, DEFAULT_SHUTDOWN_GRACE_MS, loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/core/ports/runtime.js';
import type { Store } from '../../src/core/ports/storage.js';
import { meterStore } from '../../src/ops/metered-store.js';
import { type OpsServer, startOpsServer } from '../../src/ops/ops-server.js';
import { PrometheusMetrics } from '../../src/ops/prometheus-metrics.js';
import { botReadinessChecks, type ReadinessReport, readiness } from '../../src/ops/readiness.js';

const servers: OpsServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const get = (server: OpsServer, path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${server.port}${path}`, init);

function fakeStore(ping: () => Promise<void> = async () => {}): Pick<Store, 'kind' | 'ping'> {
  return { kind: 'sqlite', ping };
}
const adapter = (name: string, connected: boolean): RunningAdapter => ({ name, isConnected: () => connected, stop: async () => {} });

const discordHttp = { mode: 'http' as const, http: { host: '127.0.0.1', port: 0 }, apiBase: 'http://x', publicKey: 'a'.repeat(64) };
const slackSocket = {
  botToken: 'xoxb-secret-token',
  appToken: 'xapp-secret-token',
  http: { host: '127.0.0.1', port: 0 },
  apiUrl: 'http://x/',
  commandNames: {},
  digestManagers: [],
};

describe('Prometheus metrics (the Metrics port)', () => {
  it('counts answers by outcome with a latency histogram, digests by outcome and platform, 429s, takeovers and store errors', async () => {
    const m = new PrometheusMetrics();
    m.answer('answered', 0.002);
    m.answer('answered', 0.004);
    m.answer('refused', 0.001);
    m.digest('sent', 'discord');
    m.digest('paused', 'slack');
    m.rateLimited('discord');
    m.claimTakeover();
    m.storeError('conversations.save');
    const text = await m.text();
    expect(m.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('briefbot_answers_total{outcome="answered"} 2');
    expect(text).toContain('briefbot_answers_total{outcome="refused"} 1');
    expect(text).toContain('briefbot_answers_total{outcome="error"} 0');
    expect(text).toContain('briefbot_answer_duration_seconds_count{outcome="answered"} 2');
    expect(text).toContain('briefbot_answer_duration_seconds_bucket{le="0.005",outcome="answered"} 2');
    expect(text).toContain('briefbot_digests_total{outcome="sent",platform="discord"} 1');
    expect(text).toContain('briefbot_digests_total{outcome="paused",platform="slack"} 1');
    expect(text).toContain('briefbot_platform_rate_limited_total{platform="discord"} 1');
    expect(text).toContain('briefbot_digest_claim_takeovers_total 1');
    expect(text).toContain('briefbot_store_errors_total{operation="conversations.save"} 1');
    // prom-client's default process metrics.
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('two bots in one process keep separate registries and leave the global one alone', async () => {
    const a = new PrometheusMetrics();
    const b = new PrometheusMetrics();
    a.answer('error', 0.01);
    expect(await a.text()).toContain('briefbot_answers_total{outcome="error"} 1');
    expect(await b.text()).toContain('briefbot_answers_total{outcome="error"} 0');
    expect(await globalRegistry.metrics()).not.toContain('briefbot_');
  });

  it('the briefings gauge reads the library at scrape time', async () => {
    const m = new PrometheusMetrics({ defaultMetrics: false });
    let n = 3;
    m.countBriefingsWith(() => n);
    expect(await m.text()).toContain('briefbot_briefings_published 3');
    n = 4;
    expect(await m.text()).toContain('briefbot_briefings_published 4');
  });

  it('never throws, even for a label value prom-client would reject', () => {
    const m = new PrometheusMetrics({ defaultMetrics: false });
    expect(() => m.answer('bogus' as 'answered', Number.NaN)).not.toThrow();
  });
});

describe('store errors are counted in one place', () => {
  it('a failing store call is counted by operation and still rejects; successful calls are not counted', async () => {
    const m = new PrometheusMetrics({ defaultMetrics: false });
    const failing = new Error('disk I/O error');
    const conversations = {
      calls: 0,
      async get() {
        this.calls++; // `this` is the real object
        return undefined;
      },
      async save() {
        throw failing;
      },
      async purgeExpired() {
        return 0;
      },
    };
    const rest = { feedback: {}, unanswered: {}, events: {}, subscriptions: {}, deliveries: {} };
    const store = meterStore({ kind: 'sqlite', conversations, ...rest, ping: async () => {}, close: async () => {} } as unknown as Store, m);
    await expect(store.conversations.get('c', new Date())).resolves.toBeUndefined();
    expect(conversations.calls).toBe(1);
    await expect(store.conversations.save({ id: 'c', context: null, turns: 0, answers: [] }, new Date(), 1)).rejects.toBe(failing);
    await expect(store.conversations.save({ id: 'c', context: null, turns: 0, answers: [] }, new Date(), 1)).rejects.toBe(failing);
    const text = await m.text();
    expect(text).toContain('briefbot_store_errors_total{operation="conversations.save"} 2');
    expect(text).not.toContain('operation="conversations.get"');
    expect(store.kind).toBe('sqlite');
  });
});

describe('readiness', () => {
  const sources = (over: Partial<Parameters<typeof botReadinessChecks>[0]> = {}) => ({
    config: { briefingsDir: 'briefings', discord: discordHttp, slack: slackSocket },
    store: fakeStore(),
    briefings: () => 5,
    adapters: () =>
      new Map([
        ['discord', adapter('discord', true)],
        ['slack', adapter('slack', true)],
      ]),
    stopping: () => false,
    ...over,
  });

  it('is ready when the store answers, briefings are loaded and every configured platform is connected', async () => {
    const r = await readiness(botReadinessChecks(sources()));
    expect(r).toEqual({
      ready: true,
      reasons: [],
      checks: {
        shutdown: 'not shutting down',
        store: 'ok (sqlite)',
        briefings: 'ok (5 published)',
        discord: 'ok (HTTP interactions listener connected)',
        slack: 'ok (Socket Mode connected)',
      },
    });
  });

  it('names every reason it is not: store down, no briefings, a platform not started or disconnected, shutting down', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432 password=hunter2'), { code: 'ECONNREFUSED' });
    const r = await readiness(
      botReadinessChecks(
        sources({
          store: { kind: 'postgres', ping: () => Promise.reject(refused) },
          briefings: () => 0,
          adapters: () => new Map([['slack', adapter('slack', false)]]),
          stopping: () => true,
        }),
      ),
    );
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([
      'shutdown: shutting down',
      'store: postgres not answering (ECONNREFUSED)',
      'briefings: no published briefing loaded from briefings',
      'discord: HTTP interactions listener not started yet',
      'slack: Socket Mode not connected',
    ]);
    // Only the error code travels, never the message (which could carry connection details).
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });

  it('a store that never answers is a reason after the timeout, not a hung probe', async () => {
    const started = Date.now();
    const r = await readiness(botReadinessChecks(sources({ store: fakeStore(() => new Promise(() => {})) })), 100);
    expect(r.reasons).toEqual(['store: did not answer within 100 ms']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('the console has no platform to wait for; the gateway is named as such', async () => {
    expect((await readiness(botReadinessChecks(sources({ config: { briefingsDir: 'b' }, adapters: () => new Map() })))).ready).toBe(true);
    const gateway = { ...discordHttp, mode: 'gateway' as const };
    const r = await readiness(
      botReadinessChecks(sources({ config: { briefingsDir: 'b', discord: gateway }, adapters: () => new Map([['discord', adapter('discord', false)]]) })),
    );
    expect(r.reasons).toEqual(['discord: gateway not connected']);
  });
});

describe('ops listener', () => {
  async function start(report: () => ReadinessReport, metrics?: PrometheusMetrics) {
    const server = await startOpsServer({ host: '127.0.0.1', port: 0, readiness: async () => report(), ...(metrics ? { metrics } : {}), logger: silentLogger });
    servers.push(server);
    return server;
  }
  const ready: ReadinessReport = { ready: true, checks: { store: 'ok (sqlite)' }, reasons: [] };
  const notReady: ReadinessReport = {
    ready: false,
    checks: { store: 'sqlite not answering (SQLITE_BUSY)' },
    reasons: ['store: sqlite not answering (SQLITE_BUSY)'],
  };

  it('GET /healthz 200; /readyz 200 or 503 with the reasons as JSON; /metrics in Prometheus text format', async () => {
    let report = ready;
    const metrics = new PrometheusMetrics({ defaultMetrics: false });
    const server = await start(() => report, metrics);
    const health = await get(server, '/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const r1 = await get(server, '/readyz');
    expect(r1.status).toBe(200);
    expect(await r1.json()).toEqual({ status: 'ready', checks: { store: 'ok (sqlite)' } });
    report = notReady;
    const r2 = await get(server, '/readyz');
    expect(r2.status).toBe(503);
    expect(r2.headers.get('content-type')).toBe('application/json');
    expect(await r2.json()).toEqual({ status: 'not ready', reasons: ['store: sqlite not answering (SQLITE_BUSY)'], checks: notReady.checks });
    const m = await get(server, '/metrics');
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await m.text()).toContain('# TYPE briefbot_answers_total counter');
    expect((await get(server, '/healthz', { method: 'HEAD' })).status).toBe(200);
  });

  it('answers 404 for other paths and 405 for other methods; without metrics, /metrics is 404', async () => {
    const server = await start(() => ready);
    expect((await get(server, '/')).status).toBe(404);
    expect((await get(server, '/interactions')).status).toBe(404);
    const post = await get(server, '/readyz', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await get(server, '/metrics')).status).toBe(404);
  });

  it('binds only to the configured host', async () => {
    const server = await start(() => ready);
    const other = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!other) return; // no second address on this machine to try
    await expect(fetch(`http://${other}:${server.port}/healthz`)).rejects.toThrow();
  });
});

describe('configuration', () => {
  const cwd = () => {
    const d = mkdtempSync(`${tmpdir()}/briefbot-ops-config-`);
    dirs.push(d);
    return d;
  };
  const discord = { DISCORD_MODE: 'http', DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_APPLICATION_ID: '1' };

  it('the ops listener is on 127.0.0.1:9464 wherever a platform is configured, and off in the console unless asked for', () => {
    expect(loadConfig({ env: discord, cwd: cwd() }).ops).toEqual({ host: '127.0.0.1', port: DEFAULT_OPS_PORT });
    expect(loadConfig({ env: {}, cwd: cwd() }).ops).toBeUndefined();
    expect(loadConfig({ env: { BRIEFBOT_OPS_PORT: '0' }, cwd: cwd() }).ops).toEqual({ host: '127.0.0.1', port: 0 });
    expect(loadConfig({ env: { ...discord, BRIEFBOT_OPS_PORT: 'off' }, cwd: cwd() }).ops).toBeUndefined();
    expect(loadConfig({ env: { ...discord, BRIEFBOT_OPS_HOST: '0.0.0.0', BRIEFBOT_OPS_PORT: '9100' }, cwd: cwd() }).ops).toEqual({
      host: '0.0.0.0',
      port: 9100,
    });
  });

  it('an absolute BRIEFBOT_CONFIG_DIR is used as it is, whatever the working directory', () => {
    const root = cwd();
    mkdirSync(join(root, 'settings'));
    writeFileSync(join(root, 'settings', 'briefbot.yaml'), 'timezone: Europe/Paris\n');
    expect(loadConfig({ env: { BRIEFBOT_CONFIG_DIR: join(root, 'settings') }, cwd: cwd() }).timezone).toBe('Europe/Paris');
    expect(loadConfig({ env: { BRIEFBOT_CONFIG_DIR: 'settings' }, cwd: root }).timezone).toBe('Europe/Paris');
  });

  it('the shutdown grace period defaults to 8 s; bad values are named', () => {
    expect(loadConfig({ env: {}, cwd: cwd() }).shutdownGraceMs).toBe(DEFAULT_SHUTDOWN_GRACE_MS);
    expect(loadConfig({ env: { BRIEFBOT_SHUTDOWN_GRACE_SECONDS: '2.5' }, cwd: cwd() }).shutdownGraceMs).toBe(2500);
    expect(() => loadConfig({ env: { BRIEFBOT_OPS_PORT: 'ninety' }, cwd: cwd() })).toThrow(/BRIEFBOT_OPS_PORT: must be a port number/);
    expect(() => loadConfig({ env: { BRIEFBOT_OPS_PORT: '70000' }, cwd: cwd() })).toThrow(/BRIEFBOT_OPS_PORT/);
    expect(() => loadConfig({ env: { BRIEFBOT_SHUTDOWN_GRACE_SECONDS: '-1' }, cwd: cwd() })).toThrow(/BRIEFBOT_SHUTDOWN_GRACE_SECONDS/);
  });
});
