/**
 * `qemu-pmem probe` end to end (the bundled dist/cli.js): the JSON contract,
 * error placement and exit codes, with the real QEMU under TCG.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../lsp/client';
import { fingerprint, skipWithoutGuest, skipWithoutQemu, userDir, userFile } from './env';

const CLI = path.join(repoRoot(), 'dist', 'cli.js');

function probe(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'probe', ...args], { encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function script(dir: string, body: string): string {
  const f = path.join(dir, 'vm.sh');
  fs.writeFileSync(f, `#!/bin/sh\n# a launch script\n${body}\n`);
  return f;
}

test('config check: accepted, JSON shape, sizes in bytes', { skip: skipWithoutQemu() }, () => {
  const { dir, cleanup } = userDir();
  try {
    const img = userFile(dir, 'nv.img', 64 * 1024 * 1024);
    const f = script(dir, `qemu-system-x86_64 -machine pc,nvdimm=on -m 256M,slots=2,maxmem=1G \\\n  -object memory-backend-file,id=mem1,share=on,mem-path=${img},size=64M \\\n  -device nvdimm,id=nv1,memdev=mem1,label-size=128K`);
    const r = probe([f, '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.file, f);
    assert.equal(j.line, 3);
    assert.ok(Array.isArray(j.argv) && j.argv.includes('-device'));
    assert.equal(j.config.ok, true);
    assert.equal(j.config.error, null);
    assert.deepEqual(j.config.memoryDevices, [
      { type: 'nvdimm', id: 'nv1', size: 64 * 1024 * 1024 - 128 * 1024, memdev: 'mem1', addr: 4294967296, slot: 0, node: 0 },
    ]);
    assert.equal(j.boot, null);
  } finally {
    cleanup();
  }
});

test('config check: a refusal lands on the option QEMU names, exit 1', { skip: skipWithoutQemu() }, () => {
  const { dir, cleanup } = userDir();
  try {
    const img = userFile(dir, 'nv.img', 64 * 1024 * 1024);
    const f = script(dir, `qemu-system-x86_64 -machine pc -m 256M,slots=2,maxmem=1G \\\n  -object memory-backend-file,id=mem1,share=on,mem-path=${img},size=64M \\\n  -device nvdimm,id=nv1,memdev=mem1`);
    const r = probe([f, '--line', '4', '--format', 'json']);
    assert.equal(r.code, 1, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.config.ok, false);
    assert.match(j.config.error.message, /nvdimm is not enabled/);
    assert.deepEqual(j.config.error.range.start.line, 4);
  } finally {
    cleanup();
  }
});

test('boot probe: share=off is lost as predicted (exit 0), the user file is untouched', { skip: skipWithoutGuest() }, () => {
  const { dir, cleanup } = userDir();
  try {
    const img = userFile(dir, 'nv.img', 128 * 1024 * 1024);
    const before = fingerprint(img);
    const f = script(dir, `qemu-system-x86_64 -machine pc,nvdimm=on -m 256M,slots=2,maxmem=1G \\\n  -object memory-backend-file,id=mem1,share=off,mem-path=${img},size=128M \\\n  -device nvdimm,id=nv1,memdev=mem1`);
    const r = probe([f, '--boot', '--timeout', '150', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.boot.ok, true);
    assert.ok(j.boot.accel === 'tcg' || j.boot.accel === 'kvm');
    assert.equal(j.boot.devices.length, 1);
    const d = j.boot.devices[0];
    assert.equal(d.id, 'nv1');
    assert.match(d.guestDevice, /^pmem\d+$/);
    assert.equal(d.bytes, 128 * 1024 * 1024);
    assert.equal(d.readOnly, false);
    assert.equal(d.persisted, false);
    assert.equal(d.predictedPersistent, false);
    assert.deepEqual(fingerprint(img), before);
  } finally {
    cleanup();
  }
});

test('usage and environment problems exit 2 with a message', () => {
  const { dir, cleanup } = userDir();
  try {
    const f = script(dir, 'qemu-system-x86_64 -machine pc,nvdimm=on -m 1G -object memory-backend-file,id=m,mem-path=$IMG,size=1G');
    const noVar = probe([f]);
    assert.equal(noVar.code, 2);
    assert.match(noVar.err, /\$IMG is not assigned.*--var IMG=VALUE/);
    const noQemu = probe([f, '--var', 'IMG=/tmp/x.img', '--qemu', '/nonexistent/qemu']);
    assert.equal(noQemu.code, 2);
    assert.match(noQemu.err, /not installed|apt-get install/);
    assert.equal(probe([]).code, 2);
    assert.equal(probe([f, '--line', 'zero']).code, 2);
  } finally {
    cleanup();
  }
});
