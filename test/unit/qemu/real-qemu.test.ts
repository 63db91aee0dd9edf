/**
 * Cross-checks the parsers against the real qemu-system-x86_64 when it is
 * installed. Skipped when it is not on PATH, unless QEMU_PMEM_REQUIRE_QEMU=1
 * (then a missing binary fails the test).
 *
 * Harness (as in the reference sheet): `qemu-system-x86_64 <args> -S
 * -display none -nodefaults -qmp stdio` with qmp_capabilities, one command
 * and quit on stdin.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseSize } from '../../../server/src/engine/qemu/size';
import { parseJsonOpts, parseKeyval } from '../../../server/src/engine/qemu/optstring';

const BIN = 'qemu-system-x86_64';

function haveQemu(): boolean {
  const r = spawnSync(BIN, ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

const available = haveQemu();
const required = process.env.QEMU_PMEM_REQUIRE_QEMU === '1';

function skipReason(): string | false {
  if (available) return false;
  if (required) return false; // run, and fail below
  return `${BIN} is not on PATH (set QEMU_PMEM_REQUIRE_QEMU=1 to make this a failure)`;
}

/** Runs QEMU with `args`, sends one QMP command; returns exit status, stderr and the command's reply. */
function runQemu(args: string[], command: string): { status: number | null; stderr: string; reply: unknown } {
  assert.ok(available, `${BIN} is required (QEMU_PMEM_REQUIRE_QEMU=1) but not on PATH`);
  const input = `{"execute":"qmp_capabilities"}\n${command}\n{"execute":"quit"}\n`;
  const r = spawnSync(BIN, [...args, '-S', '-display', 'none', '-nodefaults', '-qmp', 'stdio'], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  // QMP lines: greeting, capabilities reply, our reply, quit reply, events.
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.trim().startsWith('{'));
  const reply = lines.length >= 3 ? JSON.parse(lines[2]) : null;
  return { status: r.status, stderr: r.stderr ?? '', reply };
}

const GOOD = ['4097', '1.5G', '0x1000', '1.', '1.k', '+4096', ' 4096', '0.5k', '07777', '1.3333333333333K', '1.00048828125K', '0x10b', '1.1G', '2M'];

test('size spellings: QEMU and parseSize agree on the bytes', { skip: skipReason() }, () => {
  const args: string[] = [];
  GOOD.forEach((s, i) => args.push('-object', `memory-backend-ram,id=m${i},size=${s}`));
  const r = runQemu(args, '{"execute":"query-memdev"}');
  assert.equal(r.status, 0, r.stderr);
  const list = (r.reply as { return: { id: string; size: number }[] }).return;
  GOOD.forEach((s, i) => {
    const got = list.find((m) => m.id === `m${i}`);
    const ours = parseSize(s);
    assert.ok(ours.ok, s);
    assert.equal(got?.size, ours.bytes, `size=${JSON.stringify(s)}`);
  });
});

test('bad size spellings: QEMU and parseSize give the same message', { skip: skipReason() }, () => {
  for (const s of ['256MB', '1.5', '-1']) {
    const arg = `memory-backend-ram,id=m1,size=${s}`;
    const r = runQemu(['-object', arg], '{"execute":"query-memdev"}');
    assert.equal(r.status, 1);
    const ours = parseSize(s);
    assert.ok(!ours.ok);
    assert.equal(r.stderr.trim(), `${BIN}: -object ${arg}: ${ours.message}`);
  }
});

test('-m suffix-less MiB and the hex-suffix warning', { skip: skipReason() }, () => {
  const r = runQemu(['-m', '0x100'], '{"execute":"query-memory-size-summary"}');
  assert.equal(r.status, 0, r.stderr);
  const ours = parseSize('0x100', { defaultUnit: 'M' });
  assert.ok(ours.ok);
  assert.equal((r.reply as { return: { 'base-memory': number } }).return['base-memory'], ours.bytes);
  assert.equal(r.stderr.trim(), `${BIN}: warning: ${ours.warning}`);
});

test('keyval bare flag and JSON duplicate key messages', { skip: skipReason() }, () => {
  const m = runQemu(['-M', 'pc,nvdimm'], '{"execute":"query-status"}');
  assert.equal(m.status, 1);
  assert.equal(m.stderr.trim(), `${BIN}: -M pc,nvdimm: ${parseKeyval('pc,nvdimm', 'type').errors[0].message}`);
  const j = '{"qom-type":"memory-backend-ram","id":"m1","size":1048576,"id":"m2"}';
  const o = runQemu(['-object', j], '{"execute":"query-status"}');
  assert.equal(o.status, 1);
  assert.equal(o.stderr.trim(), `${BIN}: -object ${j}: ${parseJsonOpts(j).errors[0].message}`);
});
