import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/ports/storage.js';
import type { ContractContext } from '../store-contract.js';
import { at, MINUTE, openSlot, subscribe, T0 } from './fixtures.js';

const EPOCH = new Date(0);
const LEASE = 2 * MINUTE;

/** Claims `id` for `owner` at `nowMs` with the standard lease. */
const claim = (store: Store, id: number, owner: string, nowMs: number) => store.deliveries.claim(id, owner, at(nowMs), at(nowMs + LEASE));
const claimableIds = async (store: Store, nowMs: number, limit?: number) => (await store.deliveries.claimable(at(nowMs), limit)).map((d) => d.id);

export function deliveriesContract(ctx: ContractContext): void {
  describe('digest deliveries: opening slots', () => {
    it('opens a (subscription, slot) row once: the second open returns nothing and changes nothing', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const id = await store.deliveries.open(sub.id, at(MINUTE), 'pending', 'key-1', T0);
      expect(id).toBeTypeOf('number');
      expect(await store.deliveries.open(sub.id, at(MINUTE), 'skipped', 'key-2', at(1_000), 'late')).toBeUndefined();
      expect(await store.deliveries.get(id as number)).toEqual({
        id,
        subscriptionId: sub.id,
        slot: at(MINUTE),
        state: 'pending',
        attempts: 0,
        idempotencyKey: 'key-1',
        leaseUntil: EPOCH,
        nextAttemptAt: EPOCH,
        briefings: [],
        createdAt: T0,
        updatedAt: T0,
      });
      expect(await store.deliveries.get(999_999)).toBeUndefined();
    });

    it('a skipped row keeps its detail, is never claimable, and counts for lastSlot and latest', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      expect(await store.deliveries.lastSlot(sub.id)).toBeUndefined();
      await openSlot(store, sub.id, 0);
      const skipped = await store.deliveries.open(sub.id, at(MINUTE), 'skipped', 'k', T0, 'missed while the bot was down');
      expect(await store.deliveries.get(skipped as number)).toMatchObject({ state: 'skipped', detail: 'missed while the bot was down' });
      expect(await store.deliveries.lastSlot(sub.id)).toEqual(at(MINUTE));
      expect(await store.deliveries.latest(sub.id)).toMatchObject({ id: skipped, state: 'skipped' });
      expect(await claimableIds(store, 10 * MINUTE)).toHaveLength(1);
      expect(await store.deliveries.claim(skipped as number, 'w1', at(2 * MINUTE), at(3 * MINUTE))).toBeUndefined();
    });

    it('claimable lists pending rows oldest slot first, up to a limit', async () => {
      const { store } = await ctx.fresh();
      const a = await subscribe(store, 'ch-a');
      const b = await subscribe(store, 'ch-b');
      const late = await openSlot(store, a.id, 2 * MINUTE, T0);
      const early = await openSlot(store, b.id, 0, T0);
      const middle = await openSlot(store, a.id, MINUTE, T0);
      expect(await claimableIds(store, 2 * MINUTE)).toEqual([early, middle, late]);
      expect(await claimableIds(store, 2 * MINUTE, 2)).toEqual([early, middle]);
      expect(await store.deliveries.claimable(T0)).toHaveLength(3);
    });
  });

  describe('digest deliveries: claims and leases', () => {
    it('a claim takes a pending row under a lease and says it was pending; a second claim gets nothing', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const id = await openSlot(store, sub.id, 0);
      const taken = await claim(store, id, 'replica-a', 1_000);
      expect(taken?.previous).toBe('pending');
      expect(taken?.delivery).toMatchObject({ id, state: 'sending', owner: 'replica-a', attempts: 1, leaseUntil: at(1_000 + LEASE), updatedAt: at(1_000) });
      expect(await store.deliveries.get(id)).toEqual(taken?.delivery);
      expect(await claim(store, id, 'replica-b', 2_000)).toBeUndefined();
      expect(await claim(store, id, 'replica-a', 2_000)).toBeUndefined();
      expect(await claimableIds(store, 2_000)).toEqual([]);
      expect(await store.deliveries.claim(999_999, 'replica-a', T0, at(LEASE))).toBeUndefined();
    });

    it('an expired lease makes the row claimable again, and the next claim says it was sending (a crash)', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const id = await openSlot(store, sub.id, 0);
      await claim(store, id, 'dead-replica', 0);
      expect(await claimableIds(store, LEASE - 1)).toEqual([]);
      expect(await claimableIds(store, LEASE)).toEqual([id]);
      const takeover = await claim(store, id, 'replica-b', LEASE);
      expect(takeover?.previous).toBe('sending');
      expect(takeover?.delivery).toMatchObject({ owner: 'replica-b', attempts: 2, leaseUntil: at(2 * LEASE) });
      // The dead replica's lease is gone: it may no longer settle the row.
      expect(await store.deliveries.finish(id, 'dead-replica', { state: 'sent' }, at(LEASE + 1))).toBe(false);
      expect(await store.deliveries.finish(id, 'replica-b', { state: 'sent' }, at(LEASE + 1))).toBe(true);
    });

    it('renew extends the leases of the owner’s sending rows only', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const mine = [await openSlot(store, sub.id, 0), await openSlot(store, sub.id, MINUTE, T0)];
      const theirs = await openSlot(store, sub.id, 2 * MINUTE, T0);
      for (const id of mine) await claim(store, id, 'replica-a', 0);
      await claim(store, theirs, 'replica-b', 0);
      await store.deliveries.finish(mine[1] as number, 'replica-a', { state: 'sent' }, at(1_000));
      expect(await store.deliveries.renew('replica-a', at(30_000), at(30_000 + LEASE))).toBe(1);
      expect((await store.deliveries.get(mine[0] as number))?.leaseUntil).toEqual(at(30_000 + LEASE));
      expect((await store.deliveries.get(theirs))?.leaseUntil).toEqual(at(LEASE));
      expect(await claimableIds(store, LEASE)).toEqual([theirs]);
      expect(await store.deliveries.renew('nobody', at(30_000), at(LEASE))).toBe(0);
    });

    it('release ends the owner’s leases now, so another replica resumes the rows at once', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const id = await openSlot(store, sub.id, 0);
      const other = await openSlot(store, sub.id, MINUTE, T0);
      await claim(store, id, 'stopping', 0);
      await claim(store, other, 'staying', 0);
      expect(await store.deliveries.release('stopping', at(5_000))).toBe(1);
      expect(await store.deliveries.release('stopping', at(5_000))).toBe(0);
      expect(await claimableIds(store, 5_000)).toEqual([id]);
      const resumed = await claim(store, id, 'staying', 5_000);
      expect(resumed?.previous).toBe('sending');
    });

    it('of many concurrent claims of one row, exactly one wins', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const id = await openSlot(store, sub.id, 0);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => claim(store, id, `worker-${i}`, 1_000)));
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      expect((await store.deliveries.get(id))?.owner).toBe(winners[0]?.delivery.owner);
    });

    it.runIf(ctx.target.persistent)('across several connections (replicas), each row is won exactly once, also on takeover', async () => {
      const { store, database } = await ctx.fresh();
      const replicas = [store, await ctx.open(database), await ctx.open(database)];
      const sub = await subscribe(store, 'ch-1');
      const ids = [await openSlot(store, sub.id, 0), await openSlot(store, sub.id, MINUTE, T0), await openSlot(store, sub.id, 2 * MINUTE, T0)];
      const race = (nowMs: number) =>
        Promise.all(ids.flatMap((id) => replicas.flatMap((r, i) => [0, 1].map((w) => claim(r, id, `replica-${i}-${w}`, nowMs).then((c) => c && id)))));
      const first = (await race(2 * MINUTE)).filter((x) => x !== undefined);
      expect(first.sort()).toEqual([...ids].sort());
      // Every lease runs out (all winners "crashed"): each row is taken over exactly once.
      const second = (await race(2 * MINUTE + LEASE)).filter((x) => x !== undefined);
      expect(second.sort()).toEqual([...ids].sort());
      for (const id of ids) expect((await store.deliveries.get(id))?.attempts).toBe(2);
    });
  });

  describe('digest deliveries: settling', () => {
    it('finish by the lease holder settles the row with its outcome; by anyone else it fails', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const id = await openSlot(store, sub.id, 0);
      await claim(store, id, 'replica-a', 0);
      expect(await store.deliveries.finish(id, 'replica-b', { state: 'sent' }, at(1_000))).toBe(false);
      const done = { state: 'sent', detail: 'delivered', messageId: 'm-1', contentUntil: at(-MINUTE), briefings: ['b1', 'b2'] } as const;
      expect(await store.deliveries.finish(id, 'replica-a', done, at(2_000))).toBe(true);
      expect(await store.deliveries.get(id)).toMatchObject({ ...done, briefings: ['b1', 'b2'], leaseUntil: EPOCH, updatedAt: at(2_000), attempts: 1 });
      // Settled: not claimable, and not finishable again.
      expect(await store.deliveries.finish(id, 'replica-a', { state: 'failed' }, at(3_000))).toBe(false);
      expect(await claimableIds(store, 10 * LEASE)).toEqual([]);
    });

    it('a retry waits for its time, keeps what earlier attempts recorded, and nextRetryAt names the earliest', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      expect(await store.deliveries.nextRetryAt()).toBeUndefined();
      const a = await openSlot(store, sub.id, 0);
      const b = await openSlot(store, sub.id, MINUTE, T0);
      await claim(store, a, 'w', MINUTE);
      await claim(store, b, 'w', MINUTE);
      await store.deliveries.finish(a, 'w', { state: 'retry', detail: '503', messageId: 'm-partial', nextAttemptAt: at(10 * MINUTE) }, at(MINUTE));
      await store.deliveries.finish(b, 'w', { state: 'retry', detail: '429', nextAttemptAt: at(5 * MINUTE) }, at(MINUTE));
      expect(await store.deliveries.nextRetryAt()).toEqual(at(5 * MINUTE));
      expect(await claimableIds(store, 5 * MINUTE - 1)).toEqual([]);
      expect(await claimableIds(store, 5 * MINUTE)).toEqual([b]);
      expect(await claimableIds(store, 10 * MINUTE)).toEqual([a, b]);
      const retried = await claim(store, a, 'w2', 10 * MINUTE);
      expect(retried?.previous).toBe('retry');
      expect(retried?.delivery).toMatchObject({ attempts: 2, messageId: 'm-partial', nextAttemptAt: at(10 * MINUTE) });
      await store.deliveries.finish(a, 'w2', { state: 'sent' }, at(10 * MINUTE));
      expect(await store.deliveries.get(a)).toMatchObject({ state: 'sent', messageId: 'm-partial' });
      expect(await store.deliveries.nextRetryAt()).toEqual(at(5 * MINUTE));
    });

    it('settleOpen settles the subscription’s pending and retry rows, not one being sent or another subscription’s', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const other = await subscribe(store, 'ch-2');
      const pending = await openSlot(store, sub.id, 0);
      const retrying = await openSlot(store, sub.id, MINUTE, T0);
      const sending = await openSlot(store, sub.id, 2 * MINUTE, T0);
      const elsewhere = await openSlot(store, other.id, 0);
      await claim(store, retrying, 'w', 2 * MINUTE);
      await store.deliveries.finish(retrying, 'w', { state: 'retry', nextAttemptAt: at(9 * MINUTE) }, at(2 * MINUTE));
      await claim(store, sending, 'w', 2 * MINUTE);
      expect(await store.deliveries.settleOpen(sub.id, 'paused', 'channel deleted', at(3 * MINUTE))).toBe(2);
      for (const id of [pending, retrying])
        expect(await store.deliveries.get(id)).toMatchObject({ state: 'paused', detail: 'channel deleted', updatedAt: at(3 * MINUTE) });
      expect(await store.deliveries.get(sending)).toMatchObject({ state: 'sending', owner: 'w' });
      expect(await store.deliveries.get(elsewhere)).toMatchObject({ state: 'pending' });
      expect(await store.deliveries.nextRetryAt()).toBeUndefined();
    });

    it('lastSent is the latest sent slot; latest is the latest slot in any state', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      expect(await store.deliveries.lastSent(sub.id)).toBeUndefined();
      expect(await store.deliveries.latest(sub.id)).toBeUndefined();
      const settle = async (slotMs: number, state: 'sent' | 'failed') => {
        const id = await openSlot(store, sub.id, slotMs);
        await claim(store, id, 'w', slotMs);
        await store.deliveries.finish(id, 'w', { state, contentUntil: at(slotMs) }, at(slotMs));
        return id;
      };
      await settle(0, 'sent');
      const sent = await settle(MINUTE, 'sent');
      const failed = await settle(2 * MINUTE, 'failed');
      expect(await store.deliveries.lastSent(sub.id)).toMatchObject({ id: sent, state: 'sent', contentUntil: at(MINUTE) });
      expect(await store.deliveries.latest(sub.id)).toMatchObject({ id: failed, state: 'failed' });
    });
  });

  describe('digest delivery log', () => {
    it('is append-only history, most recent first, by subscription and since a time, up to a limit', async () => {
      const { store } = await ctx.fresh();
      const a = await subscribe(store, 'ch-a');
      const b = await subscribe(store, 'ch-b');
      const da = await openSlot(store, a.id, 0);
      const db = await openSlot(store, b.id, 0);
      await store.deliveries.log({ deliveryId: da, subscriptionId: a.id, slot: T0, outcome: 'retried', detail: 'HTTP 503', at: at(1_000) });
      await store.deliveries.log({ deliveryId: db, subscriptionId: b.id, slot: T0, outcome: 'sent', at: at(2_000) });
      await store.deliveries.log({ deliveryId: da, subscriptionId: a.id, slot: T0, outcome: 'recovered', detail: 'interrupted', at: at(3_000) });
      await store.deliveries.log({ deliveryId: da, subscriptionId: a.id, slot: T0, outcome: 'sent', at: at(3_000) });
      const all = await store.deliveries.history();
      expect(all.map((e) => e.outcome)).toEqual(['sent', 'recovered', 'sent', 'retried']);
      expect(all[3]).toEqual({ deliveryId: da, subscriptionId: a.id, slot: T0, outcome: 'retried', detail: 'HTTP 503', at: at(1_000) });
      expect(all[2]).toEqual({ deliveryId: db, subscriptionId: b.id, slot: T0, outcome: 'sent', at: at(2_000) });
      expect((await store.deliveries.history({ subscriptionId: a.id })).map((e) => e.outcome)).toEqual(['sent', 'recovered', 'retried']);
      expect((await store.deliveries.history({ since: at(2_000) })).map((e) => e.outcome)).toEqual(['sent', 'recovered', 'sent']);
      expect((await store.deliveries.history({ subscriptionId: b.id, since: at(2_001) })).map((e) => e.outcome)).toEqual([]);
      expect(await store.deliveries.history({ limit: 1 })).toHaveLength(1);
    });
  });
}
