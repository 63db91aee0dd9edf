import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFindings, expectNone, findingsOf, run } from '../fixture';

const BAD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,⟦memaddr⟧=0x100000000";
const GOOD = "qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1,addr=0x100000000";

test('unknown-property: reported at the exact span', () => {
  expectFindings(BAD, 'unknown-property');
});

test('unknown-property: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'unknown-property');
});

test('unknown-property: "did you mean" only names properties the configured QEMU has', () => {
  const text = 'qemu-system-x86_64 -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G,ro=on';
  // rom came in QEMU 8.2: under 7.2 suggesting it would trade one refused key for another.
  const [old] = findingsOf(run(text, { qemuVersion: '7.2' }), 'unknown-property');
  assert.ok(old, 'ro is reported under 7.2');
  assert.doesNotMatch(old.message, /Did you mean/);
  assert.deepEqual(old.fixes ?? [], []);
  const [recent] = findingsOf(run(text, { qemuVersion: '8.2' }), 'unknown-property');
  assert.match(recent.message, /Did you mean rom\?/);
  assert.deepEqual(recent.fixes?.map((f) => f.title), ['Change to rom']);
});
