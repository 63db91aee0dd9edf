import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configCheck } from '../../server/src/probe';
import { QEMU, fingerprint, skipWithoutQemu, userDir, userFile } from './env';

const skip = skipWithoutQemu();
const M = 1024 * 1024;

test('config check: QEMU reports each memory device with its size, address, slot and backend', { skip }, async () => {
  const u = userDir();
  try {
    const a = userFile(u.dir, 'a.img', 256 * M);
    const before = fingerprint(a);
    const args = [
      '-M', 'pc,nvdimm=on', '-m', '512M,slots=2,maxmem=4G',
      '-drive', 'file=/nonexistent/disk.qcow2,if=virtio', '-vga', 'std', '-daemonize', '-pidfile', path.join(u.dir, 'pid'),
      '-object', `memory-backend-file,id=mem1,share=on,mem-path=${a},size=256M`,
      '-device', 'nvdimm,id=nv1,memdev=mem1,label-size=128K',
      '-object', 'memory-backend-file,id=mem2,mem-path=vp.img,size=128M',
      '-device', 'virtio-pmem-pci,id=vp1,memdev=mem2',
    ];
    const r = await configCheck({ binary: QEMU!, args, cwd: u.dir, accel: 'tcg' });
    assert.equal(r.error, null);
    assert.equal(r.ok, true);
    assert.deepEqual(r.memoryDevices, [
      { type: 'nvdimm', id: 'nv1', size: 256 * M - 128 * 1024, memdev: 'mem1', addr: 0x100000000, slot: 0, node: 0, hotplugged: false },
      { type: 'virtio-pmem', id: 'vp1', size: 128 * M, memdev: 'mem2', memaddr: 0x10ffe0000 } // right after the PMEM area (label excluded),
    ]);
    assert.deepEqual(
      r.memdevs.map((m) => [m.id, m.size, m.share]),
      [['mem1', 256 * M, true], ['pc.ram', 512 * M, false], ['mem2', 128 * M, false]],
    );
    // The user's file is untouched; the relative vp.img that QEMU would have created is not created.
    assert.deepEqual(fingerprint(a), before);
    assert.equal(fs.existsSync(path.join(u.dir, 'vp.img')), false);
    assert.equal(fs.existsSync(path.join(u.dir, 'pid')), false);
    assert.equal(fs.existsSync(path.dirname(r.argv[r.argv.indexOf('-object') + 1].split('mem-path=')[1].split(',')[0])), false);
  } finally {
    u.cleanup();
  }
});

test('config check: a refusal is placed on the option it names', { skip }, async () => {
  const args = [
    '-M', 'pc', '-m', '512M,slots=2,maxmem=4G',
    '-object', 'memory-backend-ram,id=mem1,size=256M',
    '-device', 'nvdimm,id=nv1,memdev=mem1',
  ];
  const r = await configCheck({ binary: QEMU!, args, accel: 'tcg' });
  assert.equal(r.ok, false);
  assert.equal(r.problem, null);
  assert.deepEqual(r.error, { message: "nvdimm is not enabled: missing 'nvdimm' in '-M'", argIndex: 7 });
  assert.deepEqual(r.memoryDevices, []);
});

test('config check: a backing file smaller than size= gets QEMU\'s refusal on the -object, file untouched', { skip }, async () => {
  const u = userDir();
  try {
    const small = userFile(u.dir, 'small.img', 100 * M);
    const before = fingerprint(small);
    const args = [
      '-nographic',
      '-M', 'pc,nvdimm=on', '-m', '512M,slots=2,maxmem=4G',
      '-object', `memory-backend-file,id=mem1,share=on,mem-path=${small},size=256M`,
      '-device', 'nvdimm,id=nv1,memdev=mem1',
    ];
    const r = await configCheck({ binary: QEMU!, args, accel: 'tcg' });
    assert.deepEqual(r.error, { message: "backing store size 0x6400000 does not match 'size' option 0x10000000", argIndex: 6 });
    assert.deepEqual(fingerprint(small), before);
  } finally {
    u.cleanup();
  }
});

test('config check: a missing parent directory is reported with the user\'s path; nothing is created', { skip }, async () => {
  const u = userDir();
  try {
    const p = path.join(u.dir, 'nodir', 'x.img');
    const args = [
      '-M', 'pc,nvdimm=on', '-m', '512M,slots=2,maxmem=4G',
      '-object', `memory-backend-file,id=mem1,mem-path=${p},size=256M,readonly=on`,
      '-device', 'nvdimm,id=nv1,memdev=mem1,unarmed=on',
    ];
    const r = await configCheck({ binary: QEMU!, args, accel: 'tcg' });
    assert.deepEqual(r.error, { message: `can't open backing store ${p} for guest RAM: No such file or directory`, argIndex: 5 });
    assert.ok(r.stderr.includes(p));
    assert.equal(fs.existsSync(path.join(u.dir, 'nodir')), false);
  } finally {
    u.cleanup();
  }
});

test('config check: a missing QEMU binary is an environment problem, not a refusal', async () => {
  const r = await configCheck({ binary: '/nonexistent/qemu-system-x86_64', args: ['-m', '512M'], accel: 'tcg' });
  assert.equal(r.ok, false);
  assert.equal(r.problem, 'spawn');
  assert.equal(r.error?.argIndex, null);
  assert.match(r.error!.message, /^cannot run QEMU: spawn \/nonexistent\/qemu-system-x86_64 ENOENT/);
});
