/**
 * Numbers as libvirt 9.0.0 reads them from domain XML.
 *
 * - parseScaled: virDomainParseScaledValue + virScaleInteger (src/util/virutil.c):
 *   the number is parsed like virStrToLong_ullp (base 10, leading white space
 *   and '+' accepted, '-' rejected, nothing may follow), then scaled by the
 *   case-insensitive unit: b/byte/bytes = 1; k, m, g, t, p, e alone or with
 *   "iB" = powers of 1024; with "B" = powers of 1000; no unit = the default.
 *   The result must not exceed the limit (LLONG_MAX for memory sizes).
 * - parseMemoryKiB: virDomainParseMemory: the bytes rounded up to KiB, which
 *   must stay below the limit in KiB.
 *
 * Messages are the ones `virsh` prints (checked against virsh 9.0.0 with the
 * test driver). Sizes are bigint: they are exact up to 2^64.
 */

export const LLONG_MAX = (1n << 63n) - 1n;
const ULLONG_MAX = (1n << 64n) - 1n;

export type ScaledResult =
  | { readonly ok: true; readonly bytes: bigint }
  | { readonly ok: false; readonly message: string; readonly part: 'number' | 'unit' };

const SPACE = /[ \t\n\v\f\r]/;

/**
 * strtoull-like parse of an unsigned integer. `base` 0 means C rules (0x…
 * hexadecimal, 0… octal, else decimal); 16 accepts an optional "0x". Leading
 * white space and a '+' are accepted; a '-' is an error (libvirt's "p"
 * variants); the whole string must be consumed; the value must fit in `max`.
 */
export function parseCUnsigned(text: string, base: 0 | 8 | 10 | 16 = 10, max: bigint = ULLONG_MAX): bigint | undefined {
  let i = 0;
  while (i < text.length && SPACE.test(text[i])) i++;
  if (text[i] === '+') i++;
  else if (text[i] === '-') return undefined;
  let b = base;
  if ((b === 0 || b === 16) && text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
    i += 2;
    b = 16;
  } else if (b === 0) {
    b = text[i] === '0' ? 8 : 10;
  }
  const digits = b === 16 ? /[0-9a-fA-F]/ : b === 8 ? /[0-7]/ : /[0-9]/;
  const from = i;
  while (i < text.length && digits.test(text[i])) i++;
  if (i === from || i !== text.length) return undefined;
  let v: bigint;
  if (i - from <= SAFE_DIGITS[b]) {
    // Exact as a double: one conversion instead of bigint arithmetic per digit.
    v = BigInt(parseInt(text.slice(from, i), b));
  } else {
    v = 0n;
    const big = BigInt(b);
    for (let k = from; k < i; k++) v = v * big + BigInt(parseInt(text[k], 16));
  }
  if (v > max) return undefined;
  return v;
}

/** Digit counts whose value is always below 2^53 (exact in a double), per base. */
const SAFE_DIGITS: Readonly<Record<number, number>> = { 8: 17, 10: 15, 16: 13 };

/** The multiplier of a unit suffix, or an error message (virScaleInteger). */
export function unitScale(unit: string | undefined, defaultScale: bigint): bigint | string {
  if (unit === undefined || unit === '') return defaultScale;
  // The same few units are read once per device.
  let r = unitScales.get(unit);
  if (r === undefined) {
    r = unitScaleOf(unit);
    if (unitScales.size < 256) unitScales.set(unit, r);
  }
  return r;
}
const unitScales = new Map<string, bigint | string>();

function unitScaleOf(unit: string): bigint | string {
  const u = unit.toLowerCase();
  if (u === 'b' || u === 'byte' || u === 'bytes') return 1n;
  let base: bigint;
  if (u.length === 1 || u.slice(1) === 'ib') base = 1024n;
  else if (u.length === 2 && u[1] === 'b') base = 1000n;
  else return `invalid argument: unknown suffix '${unit}'`;
  const power = 'kmgtpe'.indexOf(u[0]);
  if (power < 0) return `invalid argument: unknown suffix '${unit}'`;
  return base ** BigInt(power + 1);
}

/**
 * A scaled integer in bytes, as libvirt computes it.
 * @param value the element text / attribute value (libvirt treats "" as missing; so does the caller)
 * @param unit the unit attribute (undefined or "" = default)
 * @param defaultUnit the unit used when none is given ("KiB" for memory sizes)
 * @param where the element/attribute name for the "Invalid value" message
 * @param limit the largest allowed byte count (LLONG_MAX for memory)
 */
export function parseScaled(
  value: string,
  unit: string | undefined,
  defaultUnit = 'KiB',
  where = 'value',
  limit: bigint = LLONG_MAX,
): ScaledResult {
  const n = parseCUnsigned(value, 10);
  if (n === undefined) {
    return { ok: false, part: 'number', message: `XML error: Invalid value '${value}' for element or attribute '${where}'` };
  }
  const def = unitScale(defaultUnit, 1n);
  const scale = unitScale(unit, typeof def === 'bigint' ? def : 1024n);
  if (typeof scale === 'string') return { ok: false, part: 'unit', message: scale };
  if (n !== 0n && n > limit / scale) {
    return { ok: false, part: 'number', message: `numerical overflow: value too large: ${n}${unit ?? ''}` };
  }
  return { ok: true, bytes: n * scale };
}

export type MemoryResult =
  | { readonly ok: true; readonly bytes: bigint; readonly kib: bigint }
  | { readonly ok: false; readonly message: string; readonly part: 'number' | 'unit' };

/** virDomainParseMemory: a memory size in KiB (bytes rounded up), limit LLONG_MAX bytes. */
export function parseMemoryKiB(value: string, unit: string | undefined, where = 'value'): MemoryResult {
  const r = parseScaled(value, unit, 'KiB', where, LLONG_MAX);
  if (!r.ok) return r;
  const kib = (r.bytes + 1023n) / 1024n;
  if (kib >= (LLONG_MAX + 1023n) / 1024n) {
    return { ok: false, part: 'number', message: 'numerical overflow: size value too large' };
  }
  return { ok: true, bytes: r.bytes, kib };
}

/**
 * virBitmapParse for cpusets ("0-3,^2,8"): sorted unique list, or undefined
 * when the text is not a valid cpuset. Spaces around items are allowed.
 */
export function parseCpuset(text: string, maxBits = 8192): number[] | undefined {
  const set = new Set<number>();
  const parts = text.split(',');
  if (!text.trim()) return undefined;
  for (const raw of parts) {
    const p = raw.trim();
    const neg = p.startsWith('^');
    const body = neg ? p.slice(1) : p;
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(body);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    if (neg && m[2] !== undefined) return undefined;
    if (b < a || b >= maxBits) return undefined;
    for (let i = a; i <= b; i++) {
      if (neg) set.delete(i);
      else set.add(i);
    }
  }
  return [...set].sort((x, y) => x - y);
}

/** Formats a sorted cpu list as ranges: [0,1,2,5] → ["0-2", "5"]. */
export function cpuRanges(list: readonly number[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < list.length) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j] + 1) j++;
    out.push(i === j ? `${list[i]}` : `${list[i]}-${list[j]}`);
    i = j + 1;
  }
  return out;
}
