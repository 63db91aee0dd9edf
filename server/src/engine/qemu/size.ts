/**
 * QEMU size values ("256M", "1.5G", "0x10000000") and booleans ("on", "yes").
 *
 * The size grammar is the one QEMU 7.2 reads with qemu_strtosz()
 * (util/cutils.c do_strtosz), checked against the real qemu-system-x86_64
 * 7.2 on this machine (see test/unit/qemu/size.test.ts):
 *
 *   - leading C whitespace and one '+' are accepted (strtoull); a '-'
 *     anywhere before the digits' end is an error ("-0" too);
 *   - the integral part is decimal, or hexadecimal when it reads as "0" followed
 *     by 'x'/'X' ("0x1000", "+0x1000"); hex allows no fraction;
 *   - a decimal fraction follows a '.' ("1.5G", "1.k" = "1k", "1." = 1 byte);
 *     an exponent in the fraction is an error ("1.5e3"), but "1.5e" is
 *     1.5 EiB because 'e' is the exabyte suffix;
 *   - one optional suffix B K M G T P E, case-insensitive, powers of 1024;
 *     nothing may follow it ("256MB", "256MiB" fail);
 *   - a fraction needs a scaling unit: "1.5" and "1.5B" fail, but a fraction
 *     that is zero as a double ("1.0", "1.0B") is accepted;
 *   - the value is computed exactly in 64.64 fixed point from the fraction's
 *     double value, rounding half up; the result must be below 2^64;
 *   - hex with a suffix ("0x100M") is accepted with a deprecation warning
 *     in 7.2 and an error from QEMU 8.0 on (commit 8b902e3d23).
 */

/** A parsed size. `big` is exact; `bytes` is exact only when `exact`. */
export type SizeResult =
  | {
      readonly ok: true;
      /** The value as a JS number (rounded when above 2^53; see `exact`). */
      readonly bytes: number;
      /** `bytes` is exactly the value (the value is at most 2^53). */
      readonly exact: boolean;
      /** The exact value. */
      readonly big: bigint;
      /** Hex digits with a multiplier suffix ("0x100M"): a warning in 7.2, an error since 8.0. */
      readonly hexWithSuffix?: boolean;
      /** QEMU's warning text for this value, without the "qemu-system-x86_64: warning: " prefix. */
      readonly warning?: string;
    }
  | {
      readonly ok: false;
      /** QEMU's error message for the chosen context. */
      readonly message: string;
      /** Lines QEMU prints after the message (QemuOpts size errors only). */
      readonly hint?: string;
      /** The value does not fit in 64 bits (QEMU's -ERANGE), as opposed to a syntax error. */
      readonly range?: boolean;
    };

/**
 * Which QEMU code path reads the value. It only changes the error wording:
 *  - 'object': `-object` key=value properties and `-numa` (opts visitor):
 *    "Parameter 'size' expects a size value";
 *  - 'device': `-device` properties and `-machine` properties (string/keyval
 *    visitors): "Parameter 'label-size' expects size";
 *  - 'qemuopts': QemuOpts size options such as `-m size=`/`maxmem=`:
 *    "Parameter 'maxmem' expects a non-negative number below 2^64" plus a hint,
 *    or "Value '16E' is out of range for parameter 'maxmem'".
 */
export type SizeContext = 'object' | 'device' | 'qemuopts';

export interface SizeOptions {
  /** The parameter name for messages (default "size"). */
  readonly key?: string;
  /**
   * 'B' (default): a value without suffix is bytes.
   * 'M': the `-m` size quirk (softmmu/vl.c parse_memory_options): the value is
   * first checked as a QemuOpts size in bytes, then, when its last character
   * is a digit, "M" is appended and it is parsed again ("legacy suffix-less
   * format"). So `-m 512` is 512 MiB, `-m 1.0` is 1 MiB, `-m 1.5` is an error
   * (checked as bytes first), `-m 1.` is 1 byte, `-m 0x100` is 256 MiB with the
   * hex-suffix warning, and `-m 512B` is 512 bytes.
   */
  readonly defaultUnit?: 'B' | 'M';
  /** Message wording (default 'object', or 'qemuopts' with defaultUnit 'M'). */
  readonly context?: SizeContext;
}

const TWO64 = 1n << 64n;
const MASK64 = TWO64 - 1n;

/** The hint QEMU prints after a QemuOpts size error. */
export const QEMUOPTS_SIZE_HINT =
  'Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\nand exabytes, respectively.';

const SUFFIX_SHIFT: Readonly<Record<string, bigint>> = {
  B: 0n,
  K: 10n,
  M: 20n,
  G: 30n,
  T: 40n,
  P: 50n,
  E: 60n,
};

type Raw =
  | { ok: true; value: bigint; hexWithSuffix: boolean }
  | { ok: false; range: boolean };

function isCSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/**
 * strtoull(s, &end, base) for base 10 or 16 (glibc semantics): whitespace,
 * one sign, an optional "0x" prefix in base 16 (only when a hex digit follows).
 * Returns null when nothing was converted.
 */
function strtoull(
  s: string,
  base: 10 | 16,
): { value: bigint; end: number; negative: boolean; overflow: boolean } | null {
  let i = 0;
  while (i < s.length && isCSpace(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  if (base === 16 && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && isHexDigit(s[i + 2])) {
    i += 2;
  }
  const digitsStart = i;
  const ok = base === 10 ? isDigit : isHexDigit;
  while (i < s.length && ok(s[i])) i++;
  if (i === digitsStart) return null;
  const text = s.slice(digitsStart, i);
  const value = BigInt(base === 16 ? '0x' + text : text);
  return { value, end: i, negative, overflow: value > MASK64 };
}

/** qemu_strtosz() with default suffix 'B', end == NULL (the whole string must be used). */
function strtosz(s: string): Raw {
  const EINVAL: Raw = { ok: false, range: false };
  const ERANGE: Raw = { ok: false, range: true };
  // "Parse integral portion as decimal."
  const dec = strtoull(s, 10);
  if (!dec) return EINVAL;
  let end = dec.end;
  // With end == NULL any unparsed rest turns every failure into EINVAL.
  const fail = (range: boolean, at: number): Raw => (range && at >= s.length ? ERANGE : EINVAL);
  if (dec.overflow) return fail(true, end);
  if (dec.negative) return EINVAL;
  let val = dec.value;
  let hex = false;
  let valf = 0n; // the fraction as 0.64 fixed point
  if (val === 0n && (s[end] === 'x' || s[end] === 'X')) {
    // Looks like hex: reparse; no fraction allowed.
    const h = strtoull(s, 16);
    if (!h) return EINVAL;
    end = h.end;
    if (h.overflow) return fail(true, end);
    if (s[end] === '.') return EINVAL;
    val = h.value;
    hex = true;
  } else if (s[end] === '.') {
    // strtod from the '.': ".digits" with an optional exponent.
    const m = /^\.([0-9]+)([eE][+-]?[0-9]+)?/.exec(s.slice(end));
    if (!m) {
      end++; // "1." or "1.k": the '.' alone is skipped
    } else if (m[2] !== undefined) {
      return EINVAL; // an exponent makes the whole input invalid
    } else {
      const fraction = parseFloat('0.' + m[1]);
      const scaled = fraction * 2 ** 64;
      // (uint64_t) of 2^64 (a fraction that rounds to 1.0) yields 0 on x86-64;
      // verified: "1.99999999999999999999G" is exactly 1 GiB on QEMU 7.2.
      valf = scaled >= 2 ** 64 ? 0n : BigInt(Math.trunc(scaled));
      end += m[0].length;
    }
  }
  const c = s[end];
  const shift = c !== undefined ? SUFFIX_SHIFT[c.toUpperCase()] : undefined;
  let hexWithSuffix = false;
  if (shift !== undefined) {
    hexWithSuffix = hex;
    end++;
  }
  const mulShift = shift ?? 0n;
  let result: bigint;
  if (mulShift === 0n) {
    // When a fraction is present, a scale is required.
    if (valf !== 0n) return EINVAL;
    result = val;
  } else {
    const mul = 1n << mulShift;
    const fr = valf * mul; // 64.64 product
    result = val * mul + (fr >> 64n) + ((fr & MASK64) >> 63n);
    if (result > MASK64) return fail(true, end);
  }
  if (end < s.length) return EINVAL;
  return { ok: true, value: result, hexWithSuffix };
}

function okResult(value: bigint, hexWithSuffix: boolean, text: string): SizeResult {
  const bytes = Number(value);
  const exact = value <= 1n << 53n;
  if (hexWithSuffix) {
    return {
      ok: true,
      bytes,
      exact,
      big: value,
      hexWithSuffix: true,
      warning: `Using a multiplier suffix on hex numbers is deprecated: ${text}`,
    };
  }
  return { ok: true, bytes, exact, big: value };
}

function errResult(raw: { range: boolean }, s: string, key: string, context: SizeContext): SizeResult {
  switch (context) {
    case 'object':
      return { ok: false, message: `Parameter '${key}' expects a size value`, range: raw.range };
    case 'device':
      return { ok: false, message: `Parameter '${key}' expects size`, range: raw.range };
    case 'qemuopts':
      return raw.range
        ? { ok: false, message: `Value '${s}' is out of range for parameter '${key}'`, range: true }
        : {
            ok: false,
            message: `Parameter '${key}' expects a non-negative number below 2^64`,
            hint: QEMUOPTS_SIZE_HINT,
            range: false,
          };
  }
}

/**
 * Successful parseSize results by input text, one table per default unit
 * (an accepted value does not depend on the key or the message context).
 * Rules, hovers and the model ask about the same few spellings ("4G",
 * "128K") over and over. Results are immutable and shared. Bounded: a full
 * table is emptied; long texts are not kept.
 */
const MEMO_MAX_ENTRIES = 4096;
const MEMO_MAX_LENGTH = 64;
const memoBytes = new Map<string, SizeResult>();
const memoMiB = new Map<string, SizeResult>();

function remember(memo: Map<string, SizeResult>, s: string, r: SizeResult): SizeResult {
  if (s.length <= MEMO_MAX_LENGTH) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(s, r);
  }
  return r;
}

/**
 * Parses a QEMU size exactly as QEMU 7.2 does. Never throws.
 * See SizeOptions for the `-m` quirk (`defaultUnit: 'M'`).
 */
export function parseSize(s: string, opts: SizeOptions = {}): SizeResult {
  const unit = opts.defaultUnit ?? 'B';
  const memo = unit === 'M' ? memoMiB : memoBytes;
  const known = memo.get(s);
  if (known !== undefined) return known;
  const key = opts.key ?? 'size';
  const context = opts.context ?? (unit === 'M' ? 'qemuopts' : 'object');
  const first = strtosz(s);
  if (!first.ok) return errResult(first, s, key, context);
  if (unit === 'B' || !isDigit(s[s.length - 1])) {
    return remember(memo, s, okResult(first.value, first.hexWithSuffix, s));
  }
  // -m: "Fix up legacy suffix-less format" by appending "M" and parsing
  // again through the machine's "memory" property (message verified:
  // `-m 0x1000000000000` gives "Parameter 'memory.size' expects size").
  const withM = s + 'M';
  const second = strtosz(withM);
  if (!second.ok) return { ok: false, message: `Parameter 'memory.size' expects size`, range: second.range };
  return remember(memo, s, okResult(second.value, second.hexWithSuffix, withM));
}

const FORMAT_UNITS: readonly [string, bigint][] = [
  ['E', 60n],
  ['P', 50n],
  ['T', 40n],
  ['G', 30n],
  ['M', 20n],
  ['K', 10n],
];

/**
 * The shortest exact QEMU spelling of a byte count: the largest binary unit
 * that divides it ("128K", "4G", "1536M"), else plain bytes ("4097").
 * With `bytesSuffix`, a plain byte count gets a "B" ("4097B") so that it
 * also reads as bytes where a suffix-less number means MiB (`-m`).
 * Accepts a non-negative integer below 2^64 (number or bigint); anything
 * else is returned as its decimal string.
 */
export function formatSize(bytes: number | bigint, opts: { bytesSuffix?: boolean } = {}): string {
  if (typeof bytes === 'number' && !Number.isInteger(bytes)) return String(bytes);
  const v = BigInt(bytes);
  if (v < 0n || v > MASK64) return v.toString();
  if (v !== 0n) {
    for (const [suffix, shift] of FORMAT_UNITS) {
      if ((v & ((1n << shift) - 1n)) === 0n) return `${v >> shift}${suffix}`;
    }
  }
  return opts.bytesSuffix ? `${v}B` : v.toString();
}

/**
 * A QAPI boolean (qapi/qapi-util.c qapi_bool_parse): "on", "yes", "true", "y"
 * and "off", "no", "false", "n", case-sensitive (verified: "ON", "On", "Y",
 * "1" and "" are rejected by QEMU 7.2 with "Parameter 'share' expects 'on' or
 * 'off'"). Undefined when the text is not a boolean.
 */
export function parseBool(s: string): boolean | undefined {
  switch (s) {
    case 'on':
    case 'yes':
    case 'true':
    case 'y':
      return true;
    case 'off':
    case 'no':
    case 'false':
    case 'n':
      return false;
    default:
      return undefined;
  }
}

/** QEMU's message for a value parseBool rejects. */
export function boolErrorMessage(key: string): string {
  return `Parameter '${key}' expects 'on' or 'off'`;
}
