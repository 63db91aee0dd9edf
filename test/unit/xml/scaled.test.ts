import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScaled, parseMemoryKiB, parseCUnsigned, parseCpuset, cpuRanges } from '../../../server/src/engine/xml/scaled';

// Expected values were checked with `virsh -c test:///default define` (libvirt 9.0.0).
test('every unit scales as virScaleInteger does', () => {
  const K = 1024n;
  const cases: [string | undefined, bigint][] = [
    [undefined, K], ['', K],
    ['b', 1n], ['B', 1n], ['byte', 1n], ['Byte', 1n], ['bytes', 1n],
    ['k', K], ['K', K], ['KiB', K], ['kib', K], ['KIB', K], ['KB', 1000n], ['kb', 1000n],
    ['M', K ** 2n], ['MiB', K ** 2n], ['mib', K ** 2n], ['MB', 1000n ** 2n],
    ['G', K ** 3n], ['GiB', K ** 3n], ['GB', 1000n ** 3n],
    ['T', K ** 4n], ['TiB', K ** 4n], ['TB', 1000n ** 4n],
    ['P', K ** 5n], ['PiB', K ** 5n], ['PB', 1000n ** 5n],
    ['E', K ** 6n], ['EiB', K ** 6n], ['EB', 1000n ** 6n],
  ];
  for (const [unit, scale] of cases) {
    assert.deepEqual(parseScaled('3', unit), { ok: true, bytes: 3n * scale }, `unit ${unit}`);
  }
  assert.deepEqual(parseScaled('3', undefined, 'b'), { ok: true, bytes: 3n });
});

test('unknown suffixes are libvirt errors about the unit', () => {
  for (const u of ['i', 'x', 'KiBx', ' KiB', 'kbb', 'Ki']) {
    assert.deepEqual(parseScaled('1', u), { ok: false, part: 'unit', message: `invalid argument: unknown suffix '${u}'` });
  }
});

test('numbers parse like virStrToLong_ullp', () => {
  assert.deepEqual(parseScaled(' 1024', 'KiB'), { ok: true, bytes: 1048576n });
  assert.deepEqual(parseScaled('+1024', 'KiB'), { ok: true, bytes: 1048576n });
  for (const v of ['1024 ', '-1', '0x10', '1.5', 'abc', '18446744073709551616']) {
    assert.deepEqual(parseScaled(v, 'KiB', 'KiB', './memory[1]'), {
      ok: false,
      part: 'number',
      message: `XML error: Invalid value '${v}' for element or attribute './memory[1]'`,
    });
  }
});

test('overflow limits match virsh 9.0.0', () => {
  assert.deepEqual(parseScaled('9', 'E'), { ok: false, part: 'number', message: 'numerical overflow: value too large: 9E' });
  assert.deepEqual(parseScaled('8', 'E'), { ok: false, part: 'number', message: 'numerical overflow: value too large: 8E' });
  assert.deepEqual(parseMemoryKiB('9007199254740991', 'KiB'), { ok: true, bytes: 9007199254740991n * 1024n, kib: 9007199254740991n });
  assert.equal(parseMemoryKiB('9007199254740992', 'KiB').ok, false);
  assert.deepEqual(parseMemoryKiB('9223372036854775807', 'b'), { ok: false, part: 'number', message: 'numerical overflow: size value too large' });
  assert.deepEqual(parseMemoryKiB('9223372036854775808', 'b'), { ok: false, part: 'number', message: 'numerical overflow: value too large: 9223372036854775808b' });
  assert.deepEqual(parseScaled('0', 'E'), { ok: true, bytes: 0n });
});

test('memory sizes round up to KiB', () => {
  assert.deepEqual(parseMemoryKiB('1000', 'b'), { ok: true, bytes: 1000n, kib: 1n });
  assert.deepEqual(parseMemoryKiB('1', 'MB'), { ok: true, bytes: 1000000n, kib: 977n });
  assert.deepEqual(parseMemoryKiB('1', 'GB'), { ok: true, bytes: 1000000000n, kib: 976563n });
  assert.deepEqual(parseMemoryKiB('3', 'M'), { ok: true, bytes: 3145728n, kib: 3072n });
});

test('C-style unsigned parsing by base', () => {
  assert.equal(parseCUnsigned('0x1F', 0), 31n);
  assert.equal(parseCUnsigned('017', 0), 15n);
  assert.equal(parseCUnsigned('9', 0), 9n);
  assert.equal(parseCUnsigned('100000000', 16), 4294967296n);
  assert.equal(parseCUnsigned('0x100000000', 16), 4294967296n);
  assert.equal(parseCUnsigned('0x', 16), undefined);
  assert.equal(parseCUnsigned('08', 0), undefined);
  assert.equal(parseCUnsigned('4294967296', 10, 0xffffffffn), undefined);
  assert.equal(parseCUnsigned('-0', 10), undefined);
});

test('cpusets', () => {
  assert.deepEqual(parseCpuset('0-3,^2, 8'), [0, 1, 3, 8]);
  assert.deepEqual(parseCpuset('1'), [1]);
  assert.equal(parseCpuset('3-1'), undefined);
  assert.equal(parseCpuset('a'), undefined);
  assert.equal(parseCpuset(''), undefined);
  assert.deepEqual(cpuRanges([0, 1, 2, 4, 5, 7]), ['0-2', '4-5', '7']);
});
