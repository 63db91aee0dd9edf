/**
 * Per-object memoisation for the engine's immutable values (VM models,
 * option instances, prop values, knowledge-base types, libvirt domains):
 * rules and features ask the same question of the same object many times,
 * and answering each from scratch made passes slow or quadratic. Entries go
 * with their key (WeakMap), so nothing outlives the analysis it belongs to.
 */

/**
 * `compute` answered once per key. Extra arguments must be determined by the
 * key (e.g. the model an instance belongs to): they are not part of the cache key.
 */
export function memoize<K extends object, V, A extends unknown[] = []>(compute: (key: K, ...rest: A) => V): (key: K, ...rest: A) => V {
  const cache = new WeakMap<K, V>();
  return (key: K, ...rest: A): V => {
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute(key, ...rest);
    cache.set(key, value);
    return value;
  };
}
