import type { Store } from '../../../store/index.js';

export interface StoreCall {
  readonly area: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

/**
 * Wraps a store so every call on its areas (`users`, `groups`, …) is recorded, including calls
 * made inside `transaction`. Tests read `calls` to assert what a request touched.
 */
export function spyOnStore(store: Store): { store: Store; calls: StoreCall[] } {
  const calls: StoreCall[] = [];
  const wrapArea = (area: string, target: object): object =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push({ area, method: String(property), args });
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  const wrap = (inner: Store): Store =>
    new Proxy(inner, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (property === 'transaction') {
          return <T>(work: (s: Store) => Promise<T>) => inner.transaction((tx) => work(wrap(tx)));
        }
        if (typeof value === 'function') return (value as (...a: unknown[]) => unknown).bind(object);
        if (typeof value === 'object' && value !== null && property !== 'capabilities')
          return wrapArea(String(property), value);
        return value;
      },
    });
  return { store: wrap(store), calls };
}
