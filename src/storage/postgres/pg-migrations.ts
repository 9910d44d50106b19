export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Versioned schema for PostgreSQL, recorded in `briefbot_migrations` (see migrate in pg-database.ts). Append new
 * migrations, never edit applied ones. It holds the same data as the SQLite schema, in PostgreSQL's types:
 * times are `timestamptz` (read back as `Date`; an unset lease or retry time is the epoch), lists and citations
 * `jsonb`, and ids `bigint` identities.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'conversations, feedback and unanswered questions',
    sql: `
      CREATE TABLE conversations (
        id text PRIMARY KEY,
        state jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX conversations_expiry ON conversations (expires_at);

      CREATE TABLE feedback (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL,
        user_id text NOT NULL,
        conversation text,
        question text NOT NULL,
        answer text NOT NULL,
        briefing text,
        citation jsonb,
        helpful boolean NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX feedback_at ON feedback (at);

      CREATE TABLE unanswered (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL,
        conversation text,
        question text NOT NULL,
        briefing text,
        at timestamptz NOT NULL
      );
      CREATE INDEX unanswered_at ON unanswered (at);`,
  },
  {
    version: 2,
    name: 'digest subscriptions, deliveries and the delivery log',
    sql: `
      CREATE TABLE digest_subscriptions (
        id text PRIMARY KEY,
        platform text NOT NULL,
        channel_id text NOT NULL,
        workspace_id text,
        schedule text NOT NULL,
        timezone text NOT NULL,
        topics jsonb NOT NULL,
        length text NOT NULL,
        source text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        schedule_since timestamptz NOT NULL,
        paused_at timestamptz,
        paused_reason text,
        UNIQUE (platform, channel_id)
      );

      CREATE TABLE digest_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        subscription_id text NOT NULL REFERENCES digest_subscriptions (id) ON DELETE CASCADE,
        slot timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'sending', 'retry', 'sent', 'skipped', 'failed', 'paused')),
        attempts integer NOT NULL DEFAULT 0,
        idempotency_key text NOT NULL,
        owner text,
        lease_until timestamptz NOT NULL DEFAULT 'epoch',
        next_attempt_at timestamptz NOT NULL DEFAULT 'epoch',
        -- The state the latest claim took the row from, and that claim's token (see PgDeliveryStore.claim).
        claimed_from text,
        claim_token uuid,
        detail text,
        message_id text,
        content_until timestamptz,
        briefings jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (subscription_id, slot)
      );
      -- What claimable() scans, oldest slot first; settled rows, the vast majority, stay out of it.
      CREATE INDEX digest_deliveries_unsettled ON digest_deliveries (slot, id) WHERE state IN ('pending', 'retry', 'sending');
      CREATE INDEX digest_deliveries_leases ON digest_deliveries (owner) WHERE state = 'sending';

      CREATE TABLE digest_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id bigint NOT NULL,
        subscription_id text NOT NULL REFERENCES digest_subscriptions (id) ON DELETE CASCADE,
        slot timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent', 'retried', 'skipped', 'failed', 'paused', 'recovered')),
        detail text,
        at timestamptz NOT NULL
      );
      CREATE INDEX digest_log_subscription ON digest_log (subscription_id, at);
      CREATE INDEX digest_log_at ON digest_log (at);`,
  },
  {
    version: 3,
    name: 'handled platform events',
    sql: `
      CREATE TABLE handled_events (
        key text PRIMARY KEY,
        expires_at timestamptz NOT NULL,
        -- Which firstTime() call took the key, so that call's retry after a lost connection still answers true.
        claim_token uuid NOT NULL
      );
      CREATE INDEX handled_events_expiry ON handled_events (expires_at);`,
  },
];
