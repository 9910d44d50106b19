import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../store-contract.js';
import { at, MINUTE, openSlot, subscribe, subscriptionInput, T0 } from './fixtures.js';

export function subscriptionsContract(ctx: ContractContext): void {
  describe('digest subscriptions', () => {
    it('upsert creates a subscription with every field, starting its schedule now', async () => {
      const { store } = await ctx.fresh();
      const { subscription, created } = await store.subscriptions.upsert(subscriptionInput('ch-1'), T0, { resume: false });
      expect(created).toBe(true);
      expect(subscription).toEqual({ ...subscriptionInput('ch-1'), id: subscription.id, createdAt: T0, updatedAt: T0, scheduleSince: T0 });
      expect(await store.subscriptions.get(subscription.id)).toEqual(subscription);
      expect(await store.subscriptions.findByChannel('discord', 'ch-1')).toEqual(subscription);
      expect(await store.subscriptions.findByChannel('slack', 'ch-1')).toBeUndefined();
      expect(await store.subscriptions.get('no-such-id')).toBeUndefined();
    });

    it('upsert on the same channel updates in place; only a new schedule or zone restarts scheduleSince', async () => {
      const { store } = await ctx.fresh();
      const first = await subscribe(store, 'ch-1');
      const sameSchedule = await store.subscriptions.upsert(subscriptionInput('ch-1', { topics: [], length: 'full', workspaceId: undefined }), at(MINUTE), {
        resume: false,
      });
      expect(sameSchedule.created).toBe(false);
      expect(sameSchedule.subscription).toMatchObject({ id: first.id, topics: [], length: 'full', createdAt: T0, updatedAt: at(MINUTE), scheduleSince: T0 });
      // Not knowing the workspace this time keeps the one known.
      expect(sameSchedule.subscription.workspaceId).toBe('guild-1');
      const newZone = await store.subscriptions.upsert(subscriptionInput('ch-1', { timezone: 'UTC' }), at(2 * MINUTE), { resume: false });
      expect(newZone.subscription.scheduleSince).toEqual(at(2 * MINUTE));
      const newSchedule = await store.subscriptions.upsert(subscriptionInput('ch-1', { timezone: 'UTC', schedule: 'weekdays 07:30' }), at(3 * MINUTE), {
        resume: false,
      });
      expect(newSchedule.subscription).toMatchObject({ id: first.id, schedule: 'weekdays 07:30', scheduleSince: at(3 * MINUTE) });
      expect(await store.subscriptions.list()).toHaveLength(1);
    });

    it('pause records when and why; list filters active and paused, oldest first', async () => {
      const { store } = await ctx.fresh();
      const a = await subscribe(store, 'ch-a', T0);
      const b = await subscribe(store, 'ch-b', at(1_000));
      const c = await subscribe(store, 'ch-c', at(2_000), { platform: 'slack' });
      await store.subscriptions.pause(b.id, 'missing permission: Send Messages', at(MINUTE));
      expect(await store.subscriptions.get(b.id)).toMatchObject({
        pausedAt: at(MINUTE),
        pausedReason: 'missing permission: Send Messages',
        updatedAt: at(MINUTE),
      });
      const ids = async (active?: boolean) => (await store.subscriptions.list(active === undefined ? {} : { active })).map((s) => s.id);
      expect(await ids()).toEqual([a.id, b.id, c.id]);
      expect(await ids(true)).toEqual([a.id, c.id]);
      expect(await ids(false)).toEqual([b.id]);
    });

    it('upsert without resume leaves a paused subscription paused; with resume it resumes and restarts scheduleSince', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      await store.subscriptions.pause(sub.id, 'channel deleted', at(MINUTE));
      // A restart re-declaring the same config digest must not un-pause it.
      const redeclared = await store.subscriptions.upsert(subscriptionInput('ch-1'), at(2 * MINUTE), { resume: false });
      expect(redeclared.subscription).toMatchObject({ pausedAt: at(MINUTE), pausedReason: 'channel deleted', scheduleSince: T0 });
      const resumed = await store.subscriptions.upsert(subscriptionInput('ch-1'), at(3 * MINUTE), { resume: true });
      expect(resumed.subscription.pausedAt).toBeUndefined();
      expect(resumed.subscription.pausedReason).toBeUndefined();
      expect(resumed.subscription.scheduleSince).toEqual(at(3 * MINUTE));
      // Resuming one that is not paused changes nothing about its schedule.
      const again = await store.subscriptions.upsert(subscriptionInput('ch-1'), at(4 * MINUTE), { resume: true });
      expect(again.subscription.scheduleSince).toEqual(at(3 * MINUTE));
    });

    it('resume clears the pause and starts the schedule afresh; false for an unknown id', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      expect(await store.subscriptions.resume(sub.id, at(MINUTE))).toBe(true);
      expect((await store.subscriptions.get(sub.id))?.scheduleSince).toEqual(T0);
      await store.subscriptions.pause(sub.id, 'rate limited', at(2 * MINUTE));
      expect(await store.subscriptions.resume(sub.id, at(3 * MINUTE))).toBe(true);
      const resumed = await store.subscriptions.get(sub.id);
      expect(resumed).toMatchObject({ scheduleSince: at(3 * MINUTE), updatedAt: at(3 * MINUTE) });
      expect(resumed?.pausedAt).toBeUndefined();
      expect(await store.subscriptions.list({ active: true })).toHaveLength(1);
      expect(await store.subscriptions.resume('no-such-id', at(3 * MINUTE))).toBe(false);
    });

    it('remove deletes the subscription with its deliveries and log; false the second time', async () => {
      const { store } = await ctx.fresh();
      const sub = await subscribe(store, 'ch-1');
      const kept = await subscribe(store, 'ch-2');
      const id = await openSlot(store, sub.id, 0);
      const keptId = await openSlot(store, kept.id, 0);
      await store.deliveries.log({ deliveryId: id, subscriptionId: sub.id, slot: T0, outcome: 'sent', at: T0 });
      await store.deliveries.log({ deliveryId: keptId, subscriptionId: kept.id, slot: T0, outcome: 'sent', at: T0 });
      expect(await store.subscriptions.remove(sub.id)).toBe(true);
      expect(await store.subscriptions.get(sub.id)).toBeUndefined();
      expect(await store.deliveries.get(id)).toBeUndefined();
      expect(await store.deliveries.latest(sub.id)).toBeUndefined();
      expect((await store.deliveries.history()).map((e) => e.subscriptionId)).toEqual([kept.id]);
      expect((await store.deliveries.claimable(at(MINUTE))).map((d) => d.id)).toEqual([keptId]);
      expect(await store.subscriptions.remove(sub.id)).toBe(false);
    });

    it.runIf(ctx.target.persistent)('replicas declaring the same channel at once end with one subscription', async () => {
      const { store, database } = await ctx.fresh();
      const replicas = [store, await ctx.open(database), await ctx.open(database)];
      const results = await Promise.all(replicas.map((r) => r.subscriptions.upsert(subscriptionInput('ch-1', { source: 'config' }), T0, { resume: false })));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.subscription.id)).size).toBe(1);
      expect(await store.subscriptions.list()).toHaveLength(1);
    });
  });
}
