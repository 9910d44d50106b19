import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConversationState } from '../../src/core/store/store.js';
import { MIGRATIONS } from '../../src/storage/sqlite/migrations.js';
import { openSqlite, SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

const state = (id: string): ConversationState => ({
  id,
  context: { briefingId: 'b1', terms: { troop: 0.6 } },
  lastQuestion: 'How many troops?',
  lastCitations: ['qa:count'],
  turns: 1,
});

describe('SQLite store', () => {
  it('creates the database file and its folder, and migrates to the latest version once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-sqlite-'));
    try {
      const path = join(dir, 'nested', 'briefbot.db');
      const first = openSqlite(path);
      expect(first.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      first.close();
      const again = openSqlite(path);
      expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('conversations expire after their TTL and are purged', () => {
    const store = SqliteStore.open(':memory:');
    const t0 = new Date('2024-05-03T10:00:00Z');
    store.conversations.save(state('c1'), t0, 60_000);
    expect(store.conversations.get('c1', new Date(t0.getTime() + 59_000))?.context.briefingId).toBe('b1');
    expect(store.conversations.get('c1', new Date(t0.getTime() + 60_000))).toBeUndefined();
    expect(store.conversations.purgeExpired(new Date(t0.getTime() + 60_000))).toBe(1);
    store.close();
  });

  it('saving again extends a conversation and replaces its state', () => {
    const store = SqliteStore.open(':memory:');
    const t0 = new Date('2024-05-03T10:00:00Z');
    store.conversations.save(state('c1'), t0, 60_000);
    store.conversations.save({ ...state('c1'), turns: 2 }, new Date(t0.getTime() + 50_000), 60_000);
    expect(store.conversations.get('c1', new Date(t0.getTime() + 100_000))?.turns).toBe(2);
    store.close();
  });

  it('feedback is recorded with question, answer and citations, and listed newest first', () => {
    const store = SqliteStore.open(':memory:');
    const base = { platform: 'discord', user: 'u1', conversation: 'c1', question: 'q', answer: 'a', briefing: 'b1', citations: ['qa:x', 'section:y'] };
    store.feedback.record({ ...base, helpful: true, at: new Date('2024-05-03T10:00:00Z') });
    store.feedback.record({ ...base, question: 'q2', helpful: false, at: new Date('2024-05-03T11:00:00Z') });
    expect(store.feedback.list().map((f) => f.question)).toEqual(['q2', 'q']);
    const unhelpful = store.feedback.list({ helpful: false });
    expect(unhelpful).toHaveLength(1);
    expect(unhelpful[0]).toMatchObject({ question: 'q2', citations: ['qa:x', 'section:y'], helpful: false });
    store.close();
  });
});
