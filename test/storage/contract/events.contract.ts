import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.js';
import { at, MINUTE, T0 } from './fixtures.js';

export function eventsContract(ctx: ContractContext): void {
  describe('event ledger (de-duplication)', () => {
    it('the first sight of a key is true, a repeat within the TTL false, and after expiry true again', async () => {
      const { store } = await ctx.fresh();
      expect(await store.events.firstTime('slack:Ev1', T0, MINUTE)).toBe(true);
      expect(await store.events.firstTime('slack:Ev1', at(MINUTE - 1), MINUTE)).toBe(false);
      expect(await store.events.firstTime('slack:Ev2', at(1), MINUTE)).toBe(true);
      expect(await store.events.firstTime('slack:Ev1', at(MINUTE), MINUTE)).toBe(true);
      // The takeover remembered the key afresh, from its own time.
      expect(await store.events.firstTime('slack:Ev1', at(2 * MINUTE - 1), MINUTE)).toBe(false);
    });

    it('purgeExpired forgets only expired keys and counts them', async () => {
      const { store } = await ctx.fresh();
      await store.events.firstTime('a', T0, MINUTE);
      await store.events.firstTime('b', T0, 5 * MINUTE);
      expect(await store.events.purgeExpired(at(MINUTE))).toBe(1);
      expect(await store.events.firstTime('b', at(MINUTE), MINUTE)).toBe(false);
      expect(await store.events.firstTime('a', at(MINUTE), MINUTE)).toBe(true);
    });

    it('of many concurrent calls for one key, exactly one is first', async () => {
      const { store } = await ctx.fresh();
      const results = await Promise.all(Array.from({ length: 12 }, () => store.events.firstTime('discord:123', T0, MINUTE)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it.runIf(ctx.target.persistent)('across several connections (replicas), exactly one is first, also when taking over an expired key', async () => {
      const { store, database } = await ctx.fresh();
      const replicas = [store, await ctx.open(database), await ctx.open(database), await ctx.open(database)];
      const race = (now: Date) => Promise.all(replicas.flatMap((r) => [r, r].map((s) => s.events.firstTime('slack:Ev9', now, MINUTE))));
      expect((await race(T0)).filter(Boolean)).toHaveLength(1);
      expect((await race(at(MINUTE))).filter(Boolean)).toHaveLength(1);
    });
  });
}
