import type { ConversationState, Store, Subscription, SubscriptionInput } from '../../../src/core/ports/storage.js';

/** Every case runs on virtual time: the store compares only the times it is given. */
export const T0 = new Date('2024-05-03T10:00:00.000Z');
export const at = (ms: number): Date => new Date(T0.getTime() + ms);
export const MINUTE = 60_000;

export function conversation(id: string, overrides: Partial<ConversationState> = {}): ConversationState {
  return {
    id,
    context: { briefingId: 'niger-troops', terms: { troop: 0.6, base: 0.25 }, subject: ['Russian', 'personnel'] },
    turns: 1,
    answers: [
      {
        id: 'a1',
        question: 'How many US troops are in Niger?',
        text: 'About 1,000 US troops are in Niger.',
        answered: true,
        briefingId: 'niger-troops',
        citation: { briefingId: 'niger-troops', sectionId: 'summary', qaId: 'how-many' },
      },
      { id: 'a2', question: 'What about the weather?', text: "The briefing doesn't cover that.", answered: false, briefingId: 'niger-troops' },
    ],
    ...overrides,
  };
}

export function subscriptionInput(channelId: string, overrides: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    platform: 'discord',
    channelId,
    workspaceId: 'guild-1',
    schedule: 'daily 08:00',
    timezone: 'Europe/Berlin',
    topics: ['niger', 'sahel'],
    length: 'short',
    source: 'command',
    createdBy: 'user-1',
    ...overrides,
  };
}

export async function subscribe(store: Store, channelId: string, now = T0, overrides: Partial<SubscriptionInput> = {}): Promise<Subscription> {
  return (await store.subscriptions.upsert(subscriptionInput(channelId, overrides), now, { resume: false })).subscription;
}

/** Opens a pending delivery for `slot` (ms after T0) and returns its id. */
export async function openSlot(store: Store, subscriptionId: string, slotMs: number, now = at(slotMs)): Promise<number> {
  const id = await store.deliveries.open(subscriptionId, at(slotMs), 'pending', `${subscriptionId}:${slotMs}`, now);
  if (id === undefined) throw new Error(`slot ${slotMs} was already open`);
  return id;
}
