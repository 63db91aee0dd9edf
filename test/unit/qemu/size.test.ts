import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatSize, parseBool, parseSize, boolErrorMessage, QEMUOPTS_SIZE_HINT } from '../../../server/src/engine/qemu/size';

/** JSON.stringify that shows bigints. */
function show(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
}

/** The exact byte count of a good size, as a bigint. */
function big(s: string, opts?: Parameters<typeof parseSize>[1]): bigint {
  const r = parseSize(s, opts);
  assert.ok(r.ok, `expected ${show(s)} to parse, got ${show(r)}`);
  return r.big;
}

function bad(s: string, opts?: Parameters<typeof parseSize>[1]): { message: string; hint?: string; range?: boolean } {
  const r = parseSize(s, opts);
  assert.ok(!r.ok, `expected ${JSON.stringify(s)} to fail, got ${String(r.ok && r.big)}`);
  return r;
}

const K = 1024n;
const M = K * K;
const G = M * K;
const E = 1n << 60n;

// Every value below was read back from QEMU 7.2.22 with
// `-object memory-backend-ram,id=m1,size=<s>` and QMP query-memdev.
test('sizes verified against qemu-system-x86_64 7.2 (-object size=, query-memdev)', () => {
  const cases: [string, bigint][] = [
    ['4097', 4097n],
    ['1.5G', 1610612736n],
    ['0x1000', 4096n],
    ['0X1000', 4096n],
    ['0x1000k', 4194304n], // with the deprecation warning
    ['1.', 1n],
    ['1.0', 1n],
    ['1.0B', 1n],
    ['1.k', 1024n],
    [' 4096', 4096n],
    ['+4096', 4096n],
    [' +0x1000', 4096n],
    ['0.5k', 512n],
    ['07777', 7777n], // decimal, not octal
    ['18446744073709551615', (1n << 64n) - 1n],
    ['0xffffffffffffffff', (1n << 64n) - 1n],
    ['1.3333333333333K', 1365n],
    ['1.00048828125K', 1025n], // 1024.5 rounds half up
    ['1.0009765625K', 1025n],
    ['0.0009765625K', 1n],
    ['0.00048828125K', 1n], // 0.5 rounds up
  ];
  for (const [s, want] of cases) assert.equal(big(s), want, s);
});

test('sizes QEMU 7.2 rejects with "Parameter \'size\' expects a size value" (verified)', () => {
  for (const s of [
    '1.5',
    '1.5B',
    '4096 ',
    '-0',
    '-1',
    '',
    '256MB',
    '256MiB',
    '1e3',
    '1e3K',
    '.5K',
    '0x',
    '0x.5K',
    '0x1.5K',
    '1.5e0K',
    '18446744073709551616',
    '16E',
    '0x10000000000000000',
    '00x10',
    '0b101',
    'inf',
    '1K5',
  ]) {
    assert.equal(bad(s).message, "Parameter 'size' expects a size value", JSON.stringify(s));
  }
});

test('the reference sheet spellings (§3, §4)', () => {
  assert.equal(big('256M'), 256n * M);
  assert.equal(big('256m'), 256n * M);
  assert.equal(big('0.25G'), 256n * M);
  assert.equal(big('0x10000000'), 256n * M);
  assert.equal(big('128K'), 128n * K);
  assert.equal(big('131073'), 131073n);
  assert.equal(big('2M'), 2n * M);
  assert.equal(big('129M'), 129n * M);
  assert.equal(big('4G'), 4n * G);
  assert.equal(big('1T'), 1n << 40n);
  assert.equal(big('1p'), 1n << 50n);
  assert.equal(big('1e'), E);
  assert.equal(big('15E'), 15n * E);
  assert.equal(big('7b'), 7n);
  // "1.5e" is 1.5 EiB: 'e' is the suffix, not an exponent.
  assert.equal(big('1.5e'), 3n * (E / 2n));
  assert.equal(bad('256MB').message, "Parameter 'size' expects a size value");
  assert.equal(bad('256MiB').message, "Parameter 'size' expects a size value");
});

test('overflow: the bound is 2^64 exactly', () => {
  assert.equal(big('16383P'), 16383n << 50n);
  const almost = big('15.99999E');
  assert.ok(almost > 15n * E + (E * 99998n) / 100000n && almost < 16n * E);
  const top = bad('16E', { context: 'qemuopts', key: 'maxmem' });
  assert.equal(top.range, true);
  assert.equal(top.message, "Value '16E' is out of range for parameter 'maxmem'"); // verified
  assert.equal(bad('18446744073709551616', { context: 'qemuopts' }).message,
    "Value '18446744073709551616' is out of range for parameter 'size'"); // verified with -m
  // Overflow followed by junk is a syntax error (end == NULL turns it into EINVAL).
  assert.equal(bad('99999999999999999999K', { context: 'qemuopts' }).range, false);
  assert.equal(bad('16Ex', { context: 'qemuopts' }).range, false);
});

test('fraction precision follows the double value of the fraction', () => {
  // "1.99999999999999999999" rounds to 2.0... no: the fraction .999... is 1.0
  // as a double, which QEMU converts to a 0 fixed-point fraction (verified:
  // -m 1.99999999999999999999G gives exactly 1 GiB).
  assert.equal(big('1.99999999999999999999G'), G);
  // A fraction too small to show in 64.64 fixed point is no fraction at all.
  assert.equal(big('1.0000000000000000000001'), 1n);
  assert.equal(big('0.1K'), 102n); // 102.4
  assert.equal(big('0.7K'), 717n); // 716.8 rounds up
  assert.equal(big('1.1G'), 1181116006n); // 1181116006.4
});

test('exact is false above 2^53, bytes stays close', () => {
  const r = parseSize('0x20000000000001');
  assert.ok(r.ok);
  assert.equal(r.big, (1n << 53n) + 1n);
  assert.equal(r.exact, false);
  assert.equal(r.bytes, 2 ** 53);
  const s = parseSize('8P');
  assert.ok(s.ok);
  assert.equal(s.exact, true);
  assert.equal(s.bytes, 2 ** 53);
});

test('hex with a suffix: accepted with the 7.2 deprecation warning (verified)', () => {
  const r = parseSize('0x100M');
  assert.deepEqual(r, {
    ok: true,
    bytes: 256 * 1024 * 1024,
    exact: true,
    big: 256n * M,
    hexWithSuffix: true,
    warning: 'Using a multiplier suffix on hex numbers is deprecated: 0x100M',
  });
  // After "0x", b and e are hex digits, not suffixes (verified: 267 and 30).
  const b = parseSize('0x10b');
  assert.ok(b.ok && b.big === 267n && b.hexWithSuffix === undefined);
  const e = parseSize('0x1e');
  assert.ok(e.ok && e.big === 30n && e.hexWithSuffix === undefined);
  const k = parseSize('0x10k');
  assert.ok(k.ok && k.big === 16n * K && k.hexWithSuffix === true);
  const plain = parseSize('0x10000000');
  assert.ok(plain.ok && plain.hexWithSuffix === undefined && plain.warning === undefined);
});

test('message wording per context (all verified)', () => {
  assert.equal(bad('1x', { key: 'align' }).message, "Parameter 'align' expects a size value");
  assert.equal(bad('1.5', { key: 'label-size', context: 'device' }).message, "Parameter 'label-size' expects size");
  const q = bad('4GB', { key: 'maxmem', context: 'qemuopts' });
  assert.equal(q.message, "Parameter 'maxmem' expects a non-negative number below 2^64");
  assert.equal(q.hint, QEMUOPTS_SIZE_HINT);
  assert.equal(
    QEMUOPTS_SIZE_HINT,
    'Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\nand exabytes, respectively.',
  );
});

// -m values read back with QMP query-memory-size-summary (base-memory, which
// QEMU rounds up to 8 KiB; the bytes below are before that rounding).
test('-m quirk: suffix-less means MiB, checked as bytes first (verified)', () => {
  const m = { defaultUnit: 'M' } as const;
  assert.equal(big('512', m), 512n * M);
  assert.equal(big('1.5G', m), 1536n * M);
  assert.equal(big('0.25G', m), 256n * M);
  assert.equal(big('1.0', m), M); // "1.0" + "M"
  assert.equal(big('1.', m), 1n); // last character is not a digit: bytes
  assert.equal(big('1.k', m), K);
  assert.equal(big('512B', m), 512n);
  assert.equal(big(' 512', m), 512n * M);
  assert.equal(big('+512', m), 512n * M);
  // 'B' is a hex digit after "0x": 0x20000000B bytes (verified: 8 GiB + 11,
  // rounded up to 8 GiB + 8 KiB by QEMU's 8 KiB RAM granularity).
  assert.equal(big('0x20000000B', m), 0x20000000bn);
  const hex = parseSize('0x100', m);
  assert.ok(hex.ok);
  assert.equal(hex.big, 256n * M);
  assert.equal(hex.warning, 'Using a multiplier suffix on hex numbers is deprecated: 0x100M');
  // -m 1.5 fails the first (bytes) check with the QemuOpts wording.
  const f = bad('1.5', m);
  assert.equal(f.message, "Parameter 'size' expects a non-negative number below 2^64");
  assert.equal(f.hint, QEMUOPTS_SIZE_HINT);
  assert.equal(bad('512MB', m).message, "Parameter 'size' expects a non-negative number below 2^64");
  assert.equal(bad('16E', m).message, "Value '16E' is out of range for parameter 'size'");
  // Fits as bytes, overflows once "M" is appended (verified: no location prefix).
  assert.equal(bad('0x1000000000000', m).message, "Parameter 'memory.size' expects size");
  assert.equal(bad('17592186044416', m).message, "Parameter 'memory.size' expects size");
  assert.equal(big('17592186044415', m), (1n << 64n) - M);
});

test('maxmem: suffix-less means bytes', () => {
  assert.equal(big('2048', { key: 'maxmem', context: 'qemuopts' }), 2048n);
});

test('formatSize picks the largest exact unit', () => {
  assert.equal(formatSize(0), '0');
  assert.equal(formatSize(1), '1');
  assert.equal(formatSize(4097), '4097');
  assert.equal(formatSize(4097, { bytesSuffix: true }), '4097B');
  assert.equal(formatSize(0, { bytesSuffix: true }), '0B');
  assert.equal(formatSize(4096), '4K');
  assert.equal(formatSize(131072), '128K');
  assert.equal(formatSize(1536 * 1024 * 1024), '1536M');
  assert.equal(formatSize(4 * 1024 ** 3), '4G');
  assert.equal(formatSize(268304384), '262016K');
  assert.equal(formatSize(1n << 60n), '1E');
  assert.equal(formatSize((1n << 64n) - 1n), '18446744073709551615');
  assert.equal(formatSize(15n << 60n), '15E');
  assert.equal(formatSize(-1), '-1');
  assert.equal(formatSize(1.5), '1.5');
});

test('formatSize/parseSize round trip (property)', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (n) => {
      const r = parseSize(formatSize(n));
      return r.ok && r.big === n;
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 64 }), fc.bigInt({ min: 0n, max: 1n << 20n }), (shift, k) => {
      const n = (k << BigInt(shift)) & ((1n << 64n) - 1n);
      const r = parseSize(formatSize(n));
      return r.ok && r.big === n;
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (n) => {
      const r = parseSize(formatSize(n));
      return r.ok && r.exact && r.bytes === n;
    }),
  );
  // With "B" for plain bytes, the -m reading agrees too.
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (n) => {
      const r = parseSize(formatSize(n, { bytesSuffix: true }), { defaultUnit: 'M' });
      return r.ok && r.big === n;
    }),
    { numRuns: 1000 },
  );
});

test('parseSize never throws on arbitrary input', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), (s) => {
      const r = parseSize(s);
      return typeof r.ok === 'boolean';
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.stringMatching(/^[ +\-0-9xX.eEkKmMgGbB]{0,12}$/), (s) => {
      parseSize(s, { defaultUnit: 'M' });
      return true;
    }),
    { numRuns: 3000 },
  );
});

test('parseBool follows qapi_bool_parse, case-sensitive (verified)', () => {
  for (const s of ['on', 'yes', 'true', 'y']) assert.equal(parseBool(s), true, s);
  for (const s of ['off', 'no', 'false', 'n']) assert.equal(parseBool(s), false, s);
  for (const s of ['ON', 'On', 'Y', 'N', '1', '0', '', 'True', ' on']) assert.equal(parseBool(s), undefined, s);
  assert.equal(boolErrorMessage('share'), "Parameter 'share' expects 'on' or 'off'");
});

test('parseSize answers the same on repeated calls (results are memoised per default unit)', () => {
  for (let k = 0; k < 2; k++) {
    const m = parseSize('512', { defaultUnit: 'M' });
    const b0 = parseSize('512');
    assert.ok(m.ok && m.bytes === 512 * 1024 * 1024);
    assert.ok(b0.ok && b0.bytes === 512);
    // Errors depend on the key and the context, and are not shared.
    const a = parseSize('4X', { key: 'size' });
    const b = parseSize('4X', { key: 'maxmem', context: 'qemuopts' });
    assert.ok(!a.ok && a.message === "Parameter 'size' expects a size value");
    assert.ok(!b.ok && b.message === "Parameter 'maxmem' expects a non-negative number below 2^64");
  }
});
