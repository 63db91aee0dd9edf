import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bootProbe, findQemuBinary } from '../../server/src/probe';
import { QEMU, alive, fingerprint, skipWithoutGuest, userDir, userFile } from './env';

const skip = skipWithoutGuest();
const M = 1024 * 1024;

/** The probe's private directory, read from QEMU's command line (the -initrd lives there). */
function probeDirOf(pid: number): string | null {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
    const i = argv.indexOf('-initrd');
    return i >= 0 ? path.dirname(argv[i + 1]) : null;
  } catch {
    return null;
  }
}

// The boots run concurrently: each uses its own scratch directory and QMP socket.
describe('boot probe under TCG', { concurrency: true, skip }, () => {
  test('one guest, four pmem devices: what it sees and what persists', { timeout: 300_000 }, async (t) => {
    const u = userDir();
    try {
      const files = {
        vp: userFile(u.dir, 'vp.img', 128 * M),
        on: userFile(u.dir, 'on.img', 256 * M),
        ro: userFile(u.dir, 'unarmed.img', 128 * M),
        off: userFile(u.dir, 'off.img', 256 * M),
      };
      const before = Object.fromEntries(Object.entries(files).map(([k, p]) => [k, fingerprint(p)]));
      // Devices are placed in command-line order; the labelled NVDIMM goes last so the
      // others stay 128 MiB aligned (Linux cannot map misaligned pmem).
      const args = [
        '-M', 'pc,nvdimm=on', '-m', '512M,slots=4,maxmem=4G', '-smp', '1',
        '-object', `memory-backend-file,id=m0,share=on,mem-path=${files.vp},size=128M`,
        '-device', 'virtio-pmem-pci,id=vp1,memdev=m0',
        '-object', `memory-backend-file,id=m1,share=on,mem-path=${files.on},size=256M`,
        '-device', 'nvdimm,id=nv1,memdev=m1',
        '-object', `memory-backend-file,id=m2,share=on,mem-path=${files.ro},size=128M`,
        '-device', 'nvdimm,id=nv3,memdev=m2,unarmed=on',
        '-object', `memory-backend-file,id=m3,share=off,mem-path=${files.off},size=256M`,
        '-device', 'nvdimm,id=nv2,memdev=m3,label-size=128K',
        '-drive', `file=${path.join(u.dir, 'disk.qcow2')},if=virtio`, '-nic', 'user',
      ];
      const r = await bootProbe({ binary: QEMU!, args, accel: 'tcg', timeoutMs: 240_000 });
      t.diagnostic(`TCG boot probe wall time: ${r.seconds.toFixed(1)} s`);
      assert.equal(r.error, null, r.console);
      assert.equal(r.ok, true);
      assert.equal(r.accel, 'tcg');
      // Debian kernels have CONFIG_PVH; the host-decompressed vmlinux is booted when xz is there.
      if (findQemuBinary('xz')) assert.equal(r.kernelBoot, 'pvh');
      const byId = Object.fromEntries(r.devices.map((d) => [d.id, d]));
      assert.deepEqual(Object.keys(byId).sort(), ['nv1', 'nv2', 'nv3', 'vp1']);
      const pick = (id: string) => {
        const { guestDevice, namespace, guestMessages, ...rest } = byId[id];
        assert.match(guestDevice ?? '', /^pmem\d+$/);
        assert.match(namespace ?? '', /^namespace\d+\.\d+$/);
        void guestMessages;
        return rest;
      };
      assert.deepEqual(pick('vp1'), {
        id: 'vp1', type: 'virtio-pmem', memdev: 'm0', bytes: 128 * M, readOnly: false, persisted: true, predictedPersistent: true,
        verdict: 'share=on: guest writes reach the backing file — confirmed',
      });
      assert.deepEqual(pick('nv1'), {
        id: 'nv1', type: 'nvdimm', memdev: 'm1', bytes: 256 * M, readOnly: false, persisted: true, predictedPersistent: true,
        verdict: 'share=on: guest writes reach the backing file — confirmed',
      });
      assert.deepEqual(pick('nv3'), {
        id: 'nv3', type: 'nvdimm', memdev: 'm2', bytes: 128 * M, readOnly: true, persisted: null, predictedPersistent: true,
        verdict: 'share=on: guest writes reach the backing file — not checked: the guest sees it read-only, so nothing was written',
      });
      assert.deepEqual(pick('nv2'), {
        id: 'nv2', type: 'nvdimm', memdev: 'm3', bytes: 256 * M - 128 * 1024, readOnly: false, persisted: false, predictedPersistent: false,
        verdict: 'share=off: guest writes are lost — confirmed',
      });
      assert.equal(new Set(r.devices.map((d) => d.guestDevice)).size, 4);
      assert.equal(r.agrees, true);
      // The user's files are byte-for-byte (and mtime) unchanged.
      for (const [k, p] of Object.entries(files)) assert.deepEqual(fingerprint(p), before[k], k);
      assert.deepEqual(fs.readdirSync(u.dir).sort(), ['off.img', 'on.img', 'unarmed.img', 'vp.img']);
    } finally {
      u.cleanup();
    }
  });

  test('cancelling kills QEMU and removes the scratch directory', { timeout: 120_000 }, async () => {
    const ac = new AbortController();
    let pid: number | null = null;
    let dir: string | null = null;
    const args = ['-M', 'pc,nvdimm=on', '-m', '512M,slots=2,maxmem=2G', '-object', 'memory-backend-file,id=m,share=on,mem-path=x.img,size=128M', '-device', 'nvdimm,memdev=m'];
    const r = await bootProbe({
      binary: QEMU!,
      args,
      accel: 'tcg',
      timeoutMs: 100_000,
      signal: ac.signal,
      // spawn() returns after exec, so QEMU is running here: note its probe directory, then cancel.
      onSpawn: (p) => {
        pid = p;
        dir = probeDirOf(p);
        assert.equal(alive(p), true);
        ac.abort();
      },
    });
    assert.equal(r.ok, false);
    assert.equal(r.problem, 'aborted');
    assert.deepEqual(r.error, { message: 'cancelled', argIndex: null });
    const qemuPid = pid as number | null;
    const probeDir = dir as string | null;
    assert.ok(qemuPid !== null);
    assert.equal(alive(qemuPid), false, `qemu pid ${qemuPid} is still there`);
    assert.ok(probeDir !== null && probeDir.includes('qemu-pmem-'));
    assert.equal(fs.existsSync(probeDir), false);
    assert.equal(fs.existsSync('x.img'), false);
  });

  test('a time limit kills QEMU', { timeout: 60_000 }, async () => {
    let pid: number | null = null;
    const r = await bootProbe({
      binary: QEMU!,
      args: ['-m', '256M'],
      accel: 'tcg',
      timeoutMs: 1500,
      onSpawn: (p) => (pid = p),
    });
    assert.equal(r.problem, 'timeout');
    assert.match(r.error!.message, /^QEMU did not finish within 2 s and was killed$/);
    const qemuPid = pid as number | null;
    assert.ok(qemuPid !== null);
    assert.equal(alive(qemuPid), false);
  });
});
