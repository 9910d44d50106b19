import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { ConversationState, Store } from '../src/core/ports/storage.js';
import { openStore } from '../src/storage/open-store.js';

/**
 * Store benchmark: the same work on SQLite (a file) and PostgreSQL (a database of its own on the local server,
 * BRIEFBOT_BENCH_POSTGRES or BRIEFBOT_TEST_POSTGRES), side by side in one run, as medians over a few rounds:
 * - conversation save + get pairs per second, from 8 concurrent callers (what answering a follow-up costs);
 * - digest claims per second: 1,000 open slots, taken by 4 workers, each with a store of its own as replicas
 *   would have, each claim followed by its finish. Every slot must be claimed exactly once.
 * Prints one JSON line per store and metric, then one per metric with the ratio PostgreSQL / SQLite.
 */
const ROUNDS = Number(process.env.BENCH_STORE_ROUNDS ?? 5);
const PAIRS = 2_000;
const CALLERS = 8;
const SLOTS = 1_000;
const WORKERS = 4;
const ADMIN_URL = process.env.BENCH_POSTGRES ?? process.env.BRIEFBOT_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const silent = { info() {}, warn() {}, error() {} };
const emit = (o: object) => console.log(JSON.stringify(o));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface Backend {
  readonly name: 'sqlite' | 'postgres';
  readonly database: string;
  dispose(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-store-bench-'));
  return { name: 'sqlite', database: join(dir, 'bench.db'), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresBackend(): Promise<Backend> {
  const name = `briefbot_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client(ADMIN_URL);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { name: 'postgres', database: url.toString(), dispose: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const state = (id: string, turn: number): ConversationState => ({
  id,
  context: { briefingId: 'niger-troops', terms: { troop: 0.6, base: 0.25, withdraw: 0.4 }, subject: ['US', 'troops'] },
  turns: turn,
  answers: [
    {
      id: `a${turn}`,
      question: 'How many US troops are in Niger?',
      text: 'About 1,000.',
      answered: true,
      briefingId: 'niger-troops',
      citation: { briefingId: 'niger-troops', sectionId: 'summary' },
    },
  ],
});

/** Save + get pairs per second: each caller continues its own conversations, one pair at a time. */
async function conversationPairs(store: Store, round: number): Promise<number> {
  const now = new Date();
  let next = 0;
  const caller = async () => {
    for (let i = next++; i < PAIRS; i = next++) {
      const id = `r${round}-c${i % 200}`;
      await store.conversations.save(state(id, i), now, 3_600_000);
      if (!(await store.conversations.get(id, now))) throw new Error(`conversation ${id} was not saved`);
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: CALLERS }, caller));
  return PAIRS / ((performance.now() - t) / 1000);
}

/** Claims (each with its finish) per second: WORKERS stores race for SLOTS open slots, as replicas do. */
async function claims(backend: Backend, setup: Store, round: number): Promise<{ perSecond: number; lostRaces: number }> {
  const slot = new Date(Date.UTC(2025, 0, 1 + round, 9));
  const now = new Date(slot.getTime() + 1_000);
  // Setting up is not measured: 100 channels, each with 10 open hourly slots, written concurrently.
  await Promise.all(
    Array.from({ length: SLOTS / 10 }, async (_, s) => {
      const { subscription } = await setup.subscriptions.upsert(
        {
          platform: 'discord',
          channelId: `r${round}-ch${s}`,
          schedule: 'hourly',
          timezone: 'UTC',
          topics: [],
          length: 'short',
          source: 'config',
          createdBy: 'bench',
        },
        now,
        { resume: false },
      );
      for (let h = 0; h < 10; h++) {
        await setup.deliveries.open(subscription.id, new Date(slot.getTime() - h * 3_600_000), 'pending', `${subscription.id}:${h}`, now);
      }
    }),
  );
  const workers = await Promise.all(Array.from({ length: WORKERS }, () => openStore(backend.database, { logger: silent, poolSize: 2 })));
  const claimed = new Set<number>();
  let lostRaces = 0;
  const work = async (store: Store, owner: string) => {
    for (;;) {
      const rows = await store.deliveries.claimable(now, 25);
      if (rows.length === 0) return;
      for (const row of rows) {
        const taken = await store.deliveries.claim(row.id, owner, now, new Date(now.getTime() + 120_000));
        if (!taken) {
          lostRaces++;
          continue;
        }
        if (claimed.has(row.id)) throw new Error(`slot ${row.id} was claimed twice`);
        claimed.add(row.id);
        await store.deliveries.finish(row.id, owner, { state: 'sent', messageId: `m${row.id}` }, now);
      }
    }
  };
  try {
    const t = performance.now();
    await Promise.all(workers.map((store, i) => work(store, `worker-${i}`)));
    const seconds = (performance.now() - t) / 1000;
    if (claimed.size !== SLOTS) throw new Error(`${claimed.size} of ${SLOTS} slots were claimed`);
    return { perSecond: SLOTS / seconds, lostRaces };
  } finally {
    await Promise.all(workers.map((s) => s.close()));
  }
}

async function measure(backend: Backend): Promise<Record<string, number>> {
  const store = await openStore(backend.database, { logger: silent });
  const pairs: number[] = [];
  const claimRates: number[] = [];
  const lost: number[] = [];
  try {
    await conversationPairs(store, -1); // warm-up: JIT, statement caches, connections
    for (let round = 0; round < ROUNDS; round++) {
      pairs.push(await conversationPairs(store, round));
      const c = await claims(backend, store, round);
      claimRates.push(c.perSecond);
      lost.push(c.lostRaces);
    }
  } finally {
    await store.close();
  }
  const result = { conversation_pairs_per_s: Math.round(median(pairs)), claims_per_s: Math.round(median(claimRates)) };
  emit({
    bench: 'store',
    store: backend.name,
    metric: 'conversation_save_get',
    callers: CALLERS,
    pairs: PAIRS,
    unit: 'pairs/s',
    median: result.conversation_pairs_per_s,
    rounds: pairs.map(Math.round),
  });
  emit({
    bench: 'store',
    store: backend.name,
    metric: 'digest_claims',
    workers: WORKERS,
    slots: SLOTS,
    unit: 'claims/s',
    median: result.claims_per_s,
    rounds: claimRates.map(Math.round),
    lost_races_median: median(lost),
  });
  return result;
}

export async function run(): Promise<void> {
  const results: Partial<Record<Backend['name'], Record<string, number>>> = {};
  for (const make of [sqliteBackend, postgresBackend]) {
    let backend: Backend;
    try {
      backend = await make();
    } catch (error) {
      emit({ bench: 'store', store: make === sqliteBackend ? 'sqlite' : 'postgres', error: `cannot set up: ${(error as Error).message}` });
      continue;
    }
    try {
      results[backend.name] = await measure(backend);
    } finally {
      await backend.dispose();
    }
  }
  const { sqlite, postgres } = results;
  if (!sqlite || !postgres) return;
  for (const metric of Object.keys(sqlite)) {
    emit({
      bench: 'store',
      metric,
      sqlite: sqlite[metric],
      postgres: postgres[metric],
      ratio_postgres_to_sqlite: Number(((postgres[metric] ?? 0) / (sqlite[metric] ?? 1)).toFixed(3)),
    });
  }
}

// `npx tsx bench/store.bench.ts` runs it alone; `npm run bench store` runs it through bench/run.ts.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
