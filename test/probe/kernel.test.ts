import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bzImageVersion, defaultKernel, findQemuBinary } from '../../server/src/probe';
import { buildInitramfs, PMEM_MODULES } from '../../server/src/probe/initramfs';
import { extractPvhKernel, hasPvhNote } from '../../server/src/probe/kernel';
import { findStaticBusybox } from '../../server/src/probe/env';
import { skipWithoutGuest } from './env';

const skip = skipWithoutGuest();

test('the default kernel, its release from the bzImage header, and all pmem modules', { skip }, async () => {
  const k = defaultKernel()!;
  assert.equal(bzImageVersion(k.kernel), k.version);
  const r = await buildInitramfs({ busybox: findStaticBusybox()!, modulesDir: k.modulesDir });
  assert.deepEqual(r.plan.missing, []);
  // Every requested module is either loaded or built in.
  const loaded = r.plan.load.map((p) => path.basename(p).replace(/\.ko(\.\w+)?$/, '').replace(/-/g, '_'));
  for (const m of PMEM_MODULES) assert.ok(loaded.includes(m) || r.plan.builtin.includes(m), m);
  assert.ok(loaded.indexOf('virtio_ring') < loaded.indexOf('virtio'));
  assert.equal(r.image.subarray(0, 2).toString('hex'), '1f8b');
});

test('extractPvhKernel writes a PVH-bootable vmlinux, or nothing', { skip: skip || (!findQemuBinary('xz') && 'needs xz') }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qpmem-kernel-'));
  try {
    const dest = path.join(dir, 'vmlinux');
    assert.equal(await extractPvhKernel(defaultKernel()!.kernel, dest), true);
    assert.equal(hasPvhNote(dest), true);
    const bogus = path.join(dir, 'bogus');
    fs.writeFileSync(bogus, 'not a kernel');
    assert.equal(await extractPvhKernel(bogus, path.join(dir, 'out')), false);
    assert.equal(fs.existsSync(path.join(dir, 'out')), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
