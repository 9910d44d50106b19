import { afterEach, describe } from 'vitest';
import type { ConversationState, Store } from '../../src/core/ports/storage.js';
import { conversationsContract } from './contract/conversations.contract.js';
import { deliveriesContract } from './contract/deliveries.contract.js';
import { eventsContract } from './contract/events.contract.js';
import { feedbackContract } from './contract/feedback.contract.js';
import { lifecycleContract } from './contract/lifecycle.contract.js';
import { subscriptionsContract } from './contract/subscriptions.contract.js';

/** One kind of store the contract runs against. */
export interface ContractTarget {
  readonly name: string;
  /** Whether a database outlives its store: it can be reopened, and shared by several stores and processes. */
  readonly persistent: boolean;
  /** A new, empty database for one test, as `openStore` takes it (a path, `:memory:` or a URL). */
  newDatabase(): Promise<string>;
  /** Opens a store on `database`, migrating it, as the bot does at start-up. */
  open(database: string): Promise<Store>;
  /**
   * Builds `database` at the schema of the release before the latest migration (all migrations but the last)
   * and writes `conversation` into it as that release would have (persistent targets only).
   */
  seedPreviousVersion(database: string, conversation: ConversationState, expiresAt: Date): Promise<void>;
  /** How many migrations `database` has recorded (read through `store` where the database lives only in it), and how many this release has. */
  schemaVersion(database: string, store: Store): Promise<{ recorded: number; latest: number }>;
}

/** What every contract case gets: fresh stores, closed after the test. */
export interface ContractContext {
  readonly target: ContractTarget;
  /** A migrated store on a new database. */
  fresh(): Promise<{ store: Store; database: string }>;
  /** Another store on an existing database (persistent targets). */
  open(database: string): Promise<Store>;
}

/**
 * The store contract (src/core/ports/storage.ts): the same cases for every implementation. The SQLite store's
 * behaviour is the reference; a store that passes can replace it.
 */
export function storeContract(target: ContractTarget): void {
  const opened: Store[] = [];
  const ctx: ContractContext = {
    target,
    async fresh() {
      const database = await target.newDatabase();
      return { store: await ctx.open(database), database };
    },
    async open(database) {
      const store = await target.open(database);
      opened.push(store);
      return store;
    },
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  describe(`store contract: ${target.name}`, () => {
    conversationsContract(ctx);
    feedbackContract(ctx);
    eventsContract(ctx);
    subscriptionsContract(ctx);
    deliveriesContract(ctx);
    lifecycleContract(ctx);
  });
}
