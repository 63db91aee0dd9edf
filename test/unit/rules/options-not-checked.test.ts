import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { MAX_MODEL_OPTIONS } from '../../../server/src/engine/model/build';

const HEAD = 'qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=4,maxmem=8G';
/** `n` backend+device pairs; pair i's backend has id b<i>. */
function pairs(n: number, bad?: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    s += ` -object memory-backend-file,id=b${i},share=${i === bad ? 'off' : 'on'},mem-path=/p/${i}.img,size=1G`;
    s += ` -device nvdimm,id=n${i},memdev=b${i}`;
  }
  return s;
}

test('options-not-checked: silent up to the limit', () => {
  // -M and -m count too: exactly MAX_MODEL_OPTIONS options in all.
  const text = HEAD + pairs((MAX_MODEL_OPTIONS - 2) / 2);
  const a = analyze(text, { languageId: 'shellscript' });
  assert.equal(a.vms[0].truncated, undefined);
  assert.equal(a.findings.filter((f) => f.code === 'options-not-checked').length, 0);
});

test('options-not-checked: one information finding on the first option left out', () => {
  const n = MAX_MODEL_OPTIONS; // 2n + 2 options: n + 2 over the limit
  const text = HEAD + pairs(n, n - 1); // the last backend has share=off: past the limit, not checked
  const a = analyze(text, { languageId: 'shellscript' });
  const vm = a.vms[0];
  assert.equal(vm.objects.length + vm.devices.length + vm.machines.length + vm.memories.length, MAX_MODEL_OPTIONS);
  const f = a.findings.filter((x) => x.code === 'options-not-checked');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'information');
  // The first option left out: pair (MAX-2)/2's -object.
  const first = ` -object memory-backend-file,id=b${(MAX_MODEL_OPTIONS - 2) / 2},`;
  const at = text.indexOf(first) + 1;
  assert.equal(text.slice(f[0].span.start, f[0].span.start + first.length - 2), first.slice(1, -1));
  assert.equal(f[0].span.start, at);
  assert.match(f[0].message, new RegExp(`first ${MAX_MODEL_OPTIONS.toLocaleString('en-US')} of the ${(2 * n + 2).toLocaleString('en-US')} `));
  assert.match(f[0].message, new RegExp(`the ${(2 * n + 2 - MAX_MODEL_OPTIONS - 1).toLocaleString('en-US')} after it are not checked`));
  assert.equal(a.findings.filter((x) => x.code === 'share-off').length, 0, 'options past the limit are not checked');
});

test('options-not-checked: options before the limit are still checked', () => {
  const text = HEAD + pairs(MAX_MODEL_OPTIONS, 3);
  const a = analyze(text, { languageId: 'shellscript' });
  assert.equal(a.findings.filter((x) => x.code === 'share-off').length, 1);
});
