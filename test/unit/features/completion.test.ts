import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../../server/src/engine/features/completion';
import { parseMarkers, run } from '../fixture';

function labels(marked: string, qemuVersion?: string): string[] {
  const m = parseMarkers(marked);
  assert.ok(m.cursor !== undefined, 'no ┃ cursor');
  return complete(run(m.text, { qemuVersion }), m.cursor, { qemuVersion }).map((c) => c.label);
}

test('after -device: pmem devices first', () => {
  const got = labels('qemu-system-x86_64 -machine pc,nvdimm=on -device ┃\n');
  assert.deepEqual(got.slice(0, 4), ['nvdimm', 'virtio-pmem-pci', 'pc-dimm', 'virtio-mem-pci']);
  assert.ok(got.includes('virtio-net-pci'));
});

test('after -device on a continued line', () => {
  const got = labels('qemu-system-x86_64 \\\n  -device ┃ \\\n  -m 1G\n');
  assert.ok(got.includes('nvdimm'));
});

test('partial driver name filters', () => {
  const got = labels('qemu-system-x86_64 -device nvd┃\n');
  assert.deepEqual(got, ['nvdimm']);
});

test('after -object: memory backends first', () => {
  const got = labels('qemu-system-x86_64 -object ┃\n');
  assert.deepEqual(got.slice(0, 3), ['memory-backend-file', 'memory-backend-ram', 'memory-backend-memfd']);
});

test('after -machine: machine types', () => {
  const got = labels('qemu-system-x86_64 -machine ┃\n');
  assert.ok(got.includes('pc') && got.includes('q35') && got.includes('pc-i440fx-7.2'));
});

test('nvdimm properties not yet present, without read-only size', () => {
  const got = labels('qemu-system-x86_64 -device nvdimm,memdev=m1,┃\n');
  for (const k of ['label-size', 'unarmed', 'uuid', 'slot', 'node', 'addr', 'id']) assert.ok(got.includes(k), k);
  assert.ok(!got.includes('memdev'), 'memdev is already there');
  assert.ok(!got.includes('size'), 'size is read-only');
});

test('backend properties', () => {
  const got = labels("qemu-system-x86_64 -object 'memory-backend-file,id=m,┃'\n");
  for (const k of ['share', 'mem-path', 'size', 'pmem', 'align', 'readonly', 'discard-data']) assert.ok(got.includes(k), k);
});

test('keys newer than the configured QEMU are not offered (that QEMU refuses them)', () => {
  const script = "qemu-system-x86_64 -object 'memory-backend-file,id=m,┃'\n";
  // offset= is QEMU 8.1, rom= 8.2: QEMU 7.2 (the default) calls both invalid parameters.
  for (const version of [undefined, '7.2', '8.0']) {
    const got = labels(script, version);
    assert.ok(got.includes('readonly') && got.includes('share'), `${version}: the others stay`);
    assert.ok(!got.includes('rom') && !got.includes('offset'), `${version}: ${got.join(' ')}`);
  }
  const at81 = labels(script, '8.1');
  assert.ok(at81.includes('offset') && !at81.includes('rom'), at81.join(' '));
  const at82 = labels(script, '8.2');
  assert.ok(at82.includes('offset') && at82.includes('rom'), at82.join(' '));
  // What completion offers, the rule accepts, in each version.
  for (const version of ['7.2', '8.1', '8.2']) {
    for (const key of labels(script, version).filter((k) => k !== 'id')) {
      const text = `qemu-system-x86_64 -object 'memory-backend-file,id=m,${key}=x'\n`;
      assert.ok(!run(text, { qemuVersion: version }).findings.some((f) => f.code === 'unknown-property'), `${version}: ${key}`);
    }
  }
});

test('boolean values', () => {
  assert.deepEqual(labels('qemu-system-x86_64 -object memory-backend-file,id=m,share=┃\n'), ['on', 'off']);
});

test('nvdimm-persistence values', () => {
  assert.deepEqual(labels('qemu-system-x86_64 -machine pc,nvdimm=on,nvdimm-persistence=┃\n'), ['cpu', 'mem-ctrl']);
});

test('memdev offers backends, unused ones first', () => {
  const m = parseMarkers(
    'qemu-system-x86_64 -object memory-backend-file,id=a,size=1G,mem-path=/a -object memory-backend-file,id=b,size=2G,mem-path=/b -device nvdimm,memdev=a -device nvdimm,memdev=┃\n',
  );
  const items = complete(run(m.text), m.cursor!);
  assert.deepEqual(items.map((i) => i.label), ['a', 'b']);
  const sorted = [...items].sort((x, y) => (x.sortText ?? '').localeCompare(y.sortText ?? ''));
  assert.equal(sorted[0].label, 'b');
  assert.match(items[0].detail ?? '', /used by nvdimm/);
});

test('-m maxmem suggests RAM plus devices', () => {
  const got = labels('qemu-system-x86_64 -m 4G,slots=2,maxmem=┃ -object memory-backend-file,id=a,size=16G,mem-path=/a -device nvdimm,memdev=a\n');
  assert.equal(got[0], '20G');
});

test('an option name at a fresh word', () => {
  const got = labels('qemu-system-x86_64 -machine pc -┃\n');
  assert.ok(got.includes('-object') && got.includes('-device'));
});

test('no completion outside an invocation', () => {
  assert.deepEqual(labels('echo hello ┃\n'), []);
});
