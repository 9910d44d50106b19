import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/storage.js';
import { raceInProcesses } from '../race-processes.js';
import type { ContractContext } from '../store-contract.js';
import { at, conversation, MINUTE, openSlot, subscribe, T0 } from './fixtures.js';

/** Touches every store once, so a missing table or column in any of them fails here. */
async function useEveryStore(store: Store): Promise<void> {
  await store.conversations.save(conversation('fresh'), T0, MINUTE);
  expect(await store.conversations.get('fresh', T0)).toEqual(conversation('fresh'));
  await store.feedback.record({
    platform: 'slack',
    user: 'u',
    conversation: 'fresh',
    question: 'q',
    answer: 'a',
    briefing: 'b',
    citation: { briefingId: 'b', sectionId: 'summary' },
    helpful: false,
    at: T0,
  });
  expect(await store.feedback.list({ helpful: false })).toHaveLength(1);
  await store.unanswered.record({ platform: 'slack', conversation: null, question: 'q', briefing: null, at: T0 });
  expect(await store.unanswered.list()).toHaveLength(1);
  expect(await store.events.firstTime('e1', T0, MINUTE)).toBe(true);
  const sub = await subscribe(store, 'ch-1');
  const id = await openSlot(store, sub.id, 0);
  expect((await store.deliveries.claim(id, 'w', T0, at(MINUTE)))?.previous).toBe('pending');
  await store.deliveries.log({ deliveryId: id, subscriptionId: sub.id, slot: T0, outcome: 'sent', at: T0 });
  expect(await store.deliveries.history()).toHaveLength(1);
}

export function lifecycleContract(ctx: ContractContext): void {
  describe('migrations', () => {
    it('an empty database is migrated to the latest version, and every store works', async () => {
      const { store, database } = await ctx.fresh();
      const { recorded, latest } = await ctx.target.schemaVersion(database, store);
      expect(recorded).toBe(latest);
      await useEveryStore(store);
    });

    it.runIf(ctx.target.persistent)('opening a migrated database again applies nothing and keeps the data', async () => {
      const { store, database } = await ctx.fresh();
      await store.conversations.save(conversation('kept'), T0, MINUTE);
      await store.close();
      const again = await ctx.open(database);
      const { recorded, latest } = await ctx.target.schemaVersion(database, again);
      expect(recorded).toBe(latest);
      expect(await again.conversations.get('kept', T0)).toEqual(conversation('kept'));
    });

    it.runIf(ctx.target.persistent)('a database of the previous version is upgraded: its data kept, the new tables usable', async () => {
      const database = await ctx.target.newDatabase();
      const old = conversation('from-before', { answers: [] });
      await ctx.target.seedPreviousVersion(database, old, at(MINUTE));
      const store = await ctx.open(database);
      const { recorded, latest } = await ctx.target.schemaVersion(database, store);
      expect(recorded).toBe(latest);
      expect(await store.conversations.get('from-before', T0)).toEqual(old);
      await useEveryStore(store);
    });
  });

  describe('health and shutdown', () => {
    it('ping resolves while open; after close it rejects, and closing again is harmless', async () => {
      const { store } = await ctx.fresh();
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });

  describe.runIf(ctx.target.persistent)('separate processes on one database', () => {
    it('of processes claiming one row and recording one event at the same moment, exactly one wins each', async () => {
      const { store, database } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const id = await openSlot(store, sub.id, 0);
      const results = await raceInProcesses(database, 3, { deliveryId: id, eventKey: 'slack:EvRace', now: at(MINUTE) });
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
      expect(results.filter((r) => r.firstTime)).toHaveLength(1);
      const winner = results.find((r) => r.claimed)?.owner;
      expect((await store.deliveries.get(id))?.owner).toBe(winner);
    });
  });
}
