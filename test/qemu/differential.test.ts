/**
 * The differential suite: every corpus line is analysed by us and run by real
 * qemu-system-x86_64. We must report an error exactly when QEMU refuses, one
 * of our errors must sit on the option QEMU names (or quote its message when
 * QEMU names none), and for the persistence hazards our loss warning must
 * appear exactly when a guest write fails to reach the backing file.
 *
 * Skips when QEMU is missing, unless QEMU_PMEM_REQUIRE_QEMU=1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCorpus } from './corpus';
import { describeVerdict, qemuAvailable, runAll, QEMU } from './harness';

const available = qemuAvailable();
const required = process.env.QEMU_PMEM_REQUIRE_QEMU === '1';
const skip = !available && !required ? `${QEMU} not found: install qemu-system-x86 (or set QEMU_PMEM_REQUIRE_QEMU=1 to fail instead)` : false;

test('corpus is deterministic and large enough', () => {
  const a = generateCorpus();
  const b = generateCorpus();
  assert.deepEqual(a, b);
  assert.ok(a.length >= 300, `only ${a.length} cases`);
  assert.equal(new Set(a.map((c) => c.name)).size, a.length, 'case names are unique');
  assert.ok(a.filter((c) => c.hazard).length >= 14);
});

test('qemu differential', { skip, timeout: 240_000 }, async () => {
  assert.ok(available, `${QEMU} is required (QEMU_PMEM_REQUIRE_QEMU=1) but was not found`);
  const cases = generateCorpus();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-pmem-diff-'));
  const t0 = Date.now();
  let verdicts;
  try {
    verdicts = await runAll(cases, root, 2);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const refused = verdicts.filter((v) => v.qemuRefused);
  const verdictOk = verdicts.filter((v) => v.verdictAgrees);
  const locOk = refused.filter((v) => v.locationAgrees === true);
  const hazards = verdicts.filter((v) => v.hazard);
  const hazardOk = hazards.filter((v) => v.hazard!.agrees && v.hazard!.addrOk);
  const proven = hazards.filter((v) => !v.hazard!.persisted && v.hazard!.warned && v.hazard!.addrOk);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    `qemu differential: ${verdictOk.length}/${verdicts.length} verdicts agree, ${locOk.length}/${refused.length} error locations agree, ` +
      `${hazardOk.length}/${hazards.length} hazard probes agree (${proven.length} hazards proven: the write was lost and we warned; ` +
      `${hazards.length - proven.length} safe neighbours persisted) in ${secs}s`,
  );
  const bad = verdicts.filter((v) => !v.verdictAgrees || v.locationAgrees === false || (v.hazard && !(v.hazard.agrees && v.hazard.addrOk)));
  assert.equal(bad.length, 0, `disagreements:\n${bad.map((v) => describeVerdict(v) + (v.hazard ? `\n  hazard ${JSON.stringify(v.hazard)}` : '')).join('\n\n')}`);
  // Hazard cases QEMU refused would prove nothing: every probe must have run.
  assert.equal(hazards.length, cases.filter((c) => c.hazard).length, 'every hazard probe ran');
  assert.ok(proven.length >= 14, `only ${proven.length} hazards proven`);
});
