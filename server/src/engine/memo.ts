/**
 * Per-object memoisation for the engine's immutable values (VM models,
 * option instances, prop values, knowledge-base types, libvirt domains):
 * rules and features ask the same question of the same object many times,
 * and answering each from scratch made passes slow or quadratic.
 *
 * The answers live on the key itself, in one hidden (non-enumerable symbol)
 * array with a slot per memoised function, so they go with the key. Not in
 * WeakMaps: an analysis builds tens of thousands of short-lived models, and
 * every entry of a WeakMap is an ephemeron the collector must trace on every
 * collection (a script of 25,000 commands: analysis 1.3 s -> 1.1 s). A key
 * that cannot take a property (frozen) falls back to a WeakMap.
 */

const MEMO = Symbol('qemu-pmem.memo');
let slots = 0;

type Memoised = { [MEMO]?: unknown[] };

/**
 * `compute` answered once per key. Extra arguments must be determined by the
 * key (e.g. the model an instance belongs to): they are not part of the cache key.
 */
export function memoize<K extends object, V, A extends unknown[] = []>(compute: (key: K, ...rest: A) => V): (key: K, ...rest: A) => V {
  const slot = slots++;
  let frozen: WeakMap<K, V> | undefined;
  return (key: K, ...rest: A): V => {
    let memo = (key as Memoised)[MEMO];
    if (memo !== undefined) {
      if (slot in memo) return memo[slot] as V;
    } else if (Object.isExtensible(key)) {
      memo = [];
      Object.defineProperty(key, MEMO, { value: memo });
    } else {
      frozen ??= new WeakMap();
      if (frozen.has(key)) return frozen.get(key) as V;
      const value = compute(key, ...rest);
      frozen.set(key, value);
      return value;
    }
    const value = compute(key, ...rest);
    memo[slot] = value;
    return value;
  };
}
