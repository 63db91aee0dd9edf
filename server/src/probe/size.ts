/**
 * QEMU's size and boolean grammars, as far as the probe needs them to size
 * scratch files and read backend flags (reference §3 "size grammar", §6).
 */

const SUFFIX: Record<string, number> = { b: 0, k: 10, m: 20, g: 30, t: 40, p: 50, e: 60 };

/**
 * Parse a QEMU size: decimal bytes, an optional B/K/M/G/T/P/E suffix
 * (powers of 1024, any case), fractions ("1.5G"), hex ("0x10000000", with a
 * suffix only as 7.2's deprecated form). Returns null when QEMU would refuse it.
 * `defaultSuffix` is for `-m`, where a bare number means MiB.
 */
export function parseQemuSize(text: string, defaultSuffix: '' | 'M' = ''): number | null {
  const m = /^\s*(0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?|\.\d+)\s*([bBkKmMgGtTpPeE]?)$/.exec(text);
  if (!m) return null;
  const isHex = /^0[xX]/.test(m[1]);
  const n = isHex ? parseInt(m[1], 16) : Number(m[1]);
  if (!Number.isFinite(n)) return null;
  const suffix = (m[2] || defaultSuffix).toLowerCase();
  if (!isHex && !Number.isInteger(n) && suffix === '') return null; // fractions need a unit
  const result = n * 2 ** (SUFFIX[suffix] ?? 0);
  if (!Number.isFinite(result) || result >= 2 ** 64) return null;
  return Math.ceil(result);
}

/** QEMU's on/off grammar (case-sensitive): on yes true y / off no false n. */
export function parseQemuBool(text: string): boolean | null {
  if (['on', 'yes', 'true', 'y'].includes(text)) return true;
  if (['off', 'no', 'false', 'n'].includes(text)) return false;
  return null;
}
