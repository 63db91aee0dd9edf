/** Rules whose verdict or wording follows qemuPmem.qemuVersion (reference §10), and fix-all. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, run } from '../fixture';
import { fixAllText } from '../../../server/src/engine/features/code-actions';
import { fakeHost } from './host';

const VP = 'qemu-system-x86_64 -m 1G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device virtio-pmem-pci,memdev=m1';

test('maxmem-missing quotes the 7.2 message by default and the 8.1 one when asked', () => {
  assert.match(findingsOf(run(VP), 'maxmem-missing')[0].message, /memory devices \(e\.g\. for memory hotplug\) are not enabled, please specify the maxmem option/);
  assert.match(findingsOf(run(VP, { qemuVersion: '8.1' }), 'maxmem-missing')[0].message, /the configuration is not prepared for memory devices/);
});

test('hex with a suffix: a warning in 7.2, an error from 8.0', () => {
  const t = 'qemu-system-x86_64 -object memory-backend-ram,id=m1,size=0x100M';
  assert.equal(findingsOf(run(t), 'invalid-size')[0].severity, 'warning');
  assert.equal(findingsOf(run(t, { qemuVersion: '8.0' }), 'invalid-size')[0].severity, 'error');
});

test('readonly=on on a missing file: a hazard in 7.2, an error from 8.2', () => {
  const t = 'qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=1,maxmem=2G -object memory-backend-file,id=m1,share=on,readonly=on,mem-path=/p/new.img,size=1G -device nvdimm,memdev=m1,unarmed=on';
  const a = findingsOf(run(t, { host: fakeHost }), 'readonly-missing-file');
  assert.equal(a[0].severity, 'warning');
  assert.match(a[0].message, /creates it filled with zeros/);
  assert.equal(findingsOf(run(t, { host: fakeHost, qemuVersion: '8.2' }), 'readonly-missing-file')[0].severity, 'error');
});

test('offset= is unknown in 7.2 and accepted from 8.1', () => {
  const t = 'qemu-system-x86_64 -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,offset=0';
  assert.equal(findingsOf(run(t), 'unknown-property').length, 1);
  assert.equal(findingsOf(run(t, { qemuVersion: '8.1' }), 'unknown-property').length, 0);
});

test('backing-file-too-small quotes the 10.0 wording when asked', () => {
  const t = 'qemu-system-x86_64 -object memory-backend-file,id=m1,share=on,mem-path=/p/small.img,size=1G';
  assert.match(findingsOf(run(t, { host: fakeHost }), 'backing-file-too-small')[0].message, /backing store size 0x6400000 does not match 'size' option 0x40000000/);
  assert.match(findingsOf(run(t, { host: fakeHost, qemuVersion: '10.0' }), 'backing-file-too-small')[0].message, /is too small for 'size' option 0x40000000 plus 'offset' option 0x0/);
});

test('host checks are off without a host view', () => {
  const t = 'qemu-system-x86_64 -object memory-backend-file,id=m1,share=on,mem-path=/p/small.img,size=1G';
  assert.equal(findingsOf(run(t), 'backing-file-too-small').length, 0);
});

test('fix-all (to a fixed point) repairs every mechanical mistake, keeping quoting and layout', () => {
  const before = [
    'qemu-system-x86_64 -M pc,nvdimm -m 1G \\',
    "  -object 'memory-backend-file,id=m1,share,mem-path=/p/a.img,size=1GB' \\",
    '  -device nvdimm,memdev=m1,label-size=64K',
    '',
  ].join('\n');
  const after = fixAllText(before, (t) => run(t));
  assert.deepEqual(run(after).findings.map((f) => f.code), []);
  assert.equal(
    after,
    [
      'qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=1,maxmem=2G \\',
      "  -object 'memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G' \\",
      '  -device nvdimm,memdev=m1,label-size=128K',
      '',
    ].join('\n'),
  );
});
