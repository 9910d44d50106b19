import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.js';
import { at, conversation, MINUTE, T0 } from './fixtures.js';

export function conversationsContract(ctx: ContractContext): void {
  describe('conversations', () => {
    it('a saved conversation comes back whole until its TTL runs out, then is invisible', async () => {
      const { store } = await ctx.fresh();
      const state = conversation('c1');
      await store.conversations.save(state, T0, MINUTE);
      expect(await store.conversations.get('c1', at(MINUTE - 1))).toEqual(state);
      expect(await store.conversations.get('c1', at(MINUTE))).toBeUndefined();
      expect(await store.conversations.get('unknown', T0)).toBeUndefined();
    });

    it('saving again replaces the state and extends the expiry from the new save', async () => {
      const { store } = await ctx.fresh();
      await store.conversations.save(conversation('c1'), T0, MINUTE);
      const later = conversation('c1', { turns: 2, answers: [], context: { briefingId: 'other' } });
      await store.conversations.save(later, at(50_000), MINUTE);
      expect(await store.conversations.get('c1', at(100_000))).toEqual(later);
      expect(await store.conversations.get('c1', at(110_000))).toBeUndefined();
    });

    it('keeps text exactly: quotes, newlines, emoji and non-Latin scripts', async () => {
      const { store } = await ctx.fresh();
      const text = `"Köln" — it's 'Cologne'\n🇩🇪 ケルン \\ ; DROP TABLE conversations; --`;
      const state = conversation('c1', { context: { note: text, n: 0.30000000000000004, big: 2 ** 53 - 1, nested: [null, true, { deep: [] }] } });
      await store.conversations.save(state, T0, MINUTE);
      expect(await store.conversations.get('c1', T0)).toEqual(state);
    });

    it('purgeExpired deletes only expired conversations and counts them', async () => {
      const { store } = await ctx.fresh();
      await store.conversations.save(conversation('short-1'), T0, MINUTE);
      await store.conversations.save(conversation('short-2'), T0, 2 * MINUTE);
      await store.conversations.save(conversation('long'), T0, 10 * MINUTE);
      expect(await store.conversations.purgeExpired(at(2 * MINUTE))).toBe(2);
      expect(await store.conversations.purgeExpired(at(2 * MINUTE))).toBe(0);
      expect(await store.conversations.get('long', at(2 * MINUTE))).toBeDefined();
    });

    it.runIf(ctx.target.persistent)('a conversation saved through one store continues through another (another replica)', async () => {
      const { store, database } = await ctx.fresh();
      const other = await ctx.open(database);
      await store.conversations.save(conversation('c1'), T0, MINUTE);
      expect(await other.conversations.get('c1', at(1_000))).toEqual(conversation('c1'));
    });
  });
}
