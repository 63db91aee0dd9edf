/**
 * What the probe leaves behind (real QEMU; skipped without it unless
 * QEMU_PMEM_REQUIRE_QEMU=1): after a config check that succeeds, is refused,
 * times out or is cancelled, no QEMU process and no scratch file remains, and
 * the user's backing files are byte-for-byte unchanged. The boot probe's
 * cancellation, time limit and file checksums are covered in test/probe/boot.test.ts.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configCheck } from '../../server/src/probe';
import { QEMU, alive, fingerprint, skipWithoutQemu, userDir, userFile } from '../probe/env';

const skip = skipWithoutQemu();
let tmp = '';
let savedTmp: string | undefined;
let user: { dir: string; cleanup: () => void };
let files: Record<string, string> = {};

/** QEMU processes started by this test: their command line names our private TMPDIR. */
function ourQemuPids(): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'latin1');
      if (cmd.includes(tmp) && /qemu-system/.test(cmd)) out.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return out;
}

function assertClean(what: string): void {
  assert.deepEqual(fs.readdirSync(tmp), [], `${what}: scratch left in ${tmp}`);
  assert.deepEqual(ourQemuPids().filter(alive), [], `${what}: QEMU still running`);
}

before(() => {
  if (skip) return;
  // A private TMPDIR (short: the QMP socket path must fit in 108 bytes) so leftovers are visible.
  user = userDir();
  files = { ok: userFile(user.dir, 'ok.img', 256 << 20), small: userFile(user.dir, 'small.img', 64 << 20) };
  savedTmp = process.env.TMPDIR;
  tmp = fs.mkdtempSync('/tmp/qps-');
  process.env.TMPDIR = tmp;
});
after(() => {
  if (skip) return;
  process.env.TMPDIR = savedTmp;
  if (savedTmp === undefined) delete process.env.TMPDIR;
  user.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const args = (file: string) => [
  '-machine', 'pc,nvdimm=on', '-m', '256M,slots=2,maxmem=1G',
  '-object', `memory-backend-file,id=mem1,share=on,mem-path=${file},size=256M`,
  '-device', 'nvdimm,id=nv1,memdev=mem1',
];

test('config check: success, refusal, time limit and cancellation leave nothing behind and never touch the user file', { skip, timeout: 120_000 }, async () => {
  const before = Object.fromEntries(Object.entries(files).map(([k, p]) => [k, fingerprint(p)]));

  const ok = await configCheck({ binary: QEMU!, args: args(files.ok), accel: 'tcg' });
  assert.equal(ok.ok, true, ok.error?.message);
  assertClean('success');

  // A backing file smaller than size=: QEMU refuses (on the scratch copy, which has the same size).
  const refused = await configCheck({ binary: QEMU!, args: args(files.small), accel: 'tcg' });
  assert.equal(refused.ok, false);
  assert.equal(refused.problem, null);
  assertClean('refusal');

  const timedOut = await configCheck({ binary: QEMU!, args: args(files.ok), accel: 'tcg', timeoutMs: 1 });
  assert.equal(timedOut.ok, false);
  assert.equal(timedOut.problem, 'timeout');
  assertClean('time limit');

  // Cancel as soon as QEMU shows up in /proc.
  const ac = new AbortController();
  let seen: number[] = [];
  const poll = setInterval(() => {
    seen = ourQemuPids();
    if (seen.length) ac.abort();
  }, 2);
  const cancelled = await configCheck({ binary: QEMU!, args: args(files.ok), accel: 'tcg', signal: ac.signal });
  clearInterval(poll);
  assert.ok(ac.signal.aborted, 'QEMU was seen running and the check cancelled');
  assert.equal(cancelled.problem, 'aborted');
  for (const pid of seen) assert.equal(alive(pid), false, `pid ${pid}`);
  assertClean('cancellation');

  for (const [k, p] of Object.entries(files)) assert.deepEqual(fingerprint(p), before[k], `${k} changed`);
  // Nothing new next to the user's files either.
  assert.deepEqual(fs.readdirSync(user.dir).sort(), ['ok.img', 'small.img']);
  assert.ok(path.isAbsolute(tmp));
});
