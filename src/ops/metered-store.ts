import type { Metrics } from '../core/ports/metrics.js';
import type { Store } from '../core/ports/storage.js';

const PARTS = ['conversations', 'feedback', 'unanswered', 'events', 'subscriptions', 'deliveries'] as const;

/**
 * The store with every failed call counted as `briefbot_store_errors_total{operation="<part>.<method>"}`
 * (e.g. `conversations.save`), in one place instead of at every call site. Errors still propagate
 * unchanged: whoever called handles them as before.
 */
export function meterStore(store: Store, metrics: Metrics): Store {
  const parts = Object.fromEntries(PARTS.map((part) => [part, meterMethods(part, store[part], metrics)])) as Pick<Store, (typeof PARTS)[number]>;
  return {
    kind: store.kind,
    ...parts,
    ping: () => counted('ping', metrics, () => store.ping()),
    close: () => counted('close', metrics, () => store.close()),
  };
}

/** Every method of `target`, counted under `<name>.<method>` when it throws or rejects. */
function meterMethods<T extends object>(name: string, target: T, metrics: Metrics): T {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== 'function') return value;
      let wrapped = cache.get(prop);
      if (!wrapped) {
        const operation = `${name}.${String(prop)}`;
        wrapped = (...args: unknown[]) => counted(operation, metrics, () => (value as (...a: unknown[]) => unknown).apply(t, args));
        cache.set(prop, wrapped);
      }
      return wrapped;
    },
  });
}

function counted<R>(operation: string, metrics: Metrics, call: () => R): R {
  let result: R;
  try {
    result = call();
  } catch (error) {
    metrics.storeError(operation);
    throw error;
  }
  if (result instanceof Promise) {
    return result.catch((error: unknown) => {
      metrics.storeError(operation);
      throw error;
    }) as R;
  }
  return result;
}
