import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, vmAt, vmNear, type AnalyzeOptions } from '../../../server/src/engine/analyze';
import { composeChange, reanalyze } from '../../../server/src/engine/incremental';

const OPTS: AnalyzeOptions = { languageId: 'shellscript' };

const SCRIPT = `#!/bin/bash
IMG=/var/lib/pmem/a.img
OPTS="-object memory-backend-file,id=m2,mem-path=$IMG,size=1G -device nvdimm,id=n2,memdev=m2"
qemu-system-x86_64 -machine pc,nvdimm=on -m 2G,slots=2,maxmem=8G \\
  -object memory-backend-file,id=m1,mem-path=$IMG,size=4G \\
  -device nvdimm,id=n1,memdev=m1
echo done
qemu-system-x86_64 -machine pc -m 1G $OPTS
`;

/** Applies one edit and checks the incremental result against a full analysis. */
function check(text: string, at: number, del: number, ins: string): boolean {
  const base = analyze(text, OPTS);
  const next = text.slice(0, at) + ins + text.slice(at + del);
  const inc = reanalyze(base, next, { start: at, oldEnd: at + del, newEnd: at + ins.length }, OPTS);
  const full = analyze(next, OPTS);
  if (!inc) return false;
  assert.deepEqual(inc.findings, full.findings);
  assert.deepEqual(inc.lines.lineStarts, full.lines.lineStarts);
  const p = inc.partial!;
  const fv = vmAt(full, p.vm.span.start)!;
  assert.deepEqual(p.vm.span, fv.span);
  assert.deepEqual(p.vm.args.map((a) => [a.value.text, a.span]), fv.args.map((a) => [a.value.text, a.span]));
  for (let o = p.region.start; o <= p.region.end; o++) {
    assert.equal(vmAt(inc, o)?.span.start, vmAt(full, o)?.span.start, `vmAt ${o}`);
    assert.equal(vmNear(inc, o)?.span.start, vmNear(full, o)?.span.start, `vmNear ${o}`);
  }
  // The other VMs, computed on demand, are the full analysis's.
  assert.deepEqual(inc.vms.map((v) => v.span), full.vms.map((v) => v.span));
  return true;
}

test('an edit inside one invocation is re-read alone and matches a full analysis', () => {
  const at = SCRIPT.indexOf('size=4G') + 5;
  assert.equal(check(SCRIPT, at, 1, '16'), true); // 4G -> 16G
  assert.equal(check(SCRIPT, SCRIPT.indexOf('id=n1') + 5, 0, 'x'), true); // id rename: memdev findings shift
  assert.equal(check(SCRIPT, SCRIPT.indexOf('size=4G'), 0, 'share=on,'), true); // a new key
  assert.equal(check(SCRIPT, SCRIPT.indexOf('-m 1G') + 5, 0, ' -nographic'), true); // typing at the end of the line
  assert.equal(check(SCRIPT, SCRIPT.indexOf('nvdimm,id=n1') + 7, 6, ''), true); // a deletion
});

test('edits that can change the rest of the file fall back to a full analysis', () => {
  // A line break inside the command ends it early.
  assert.equal(check(SCRIPT, SCRIPT.indexOf('  -device nvdimm,id=n1') - 2, 1, ''), false);
  // An unclosed quote runs past the command.
  assert.equal(check(SCRIPT, SCRIPT.indexOf('size=4G'), 0, '"'), false);
  // An assignment, not an invocation.
  assert.equal(check(SCRIPT, SCRIPT.indexOf('/a.img'), 0, 'x'), false);
  // A default assignment would change variables for later commands.
  assert.equal(check(SCRIPT, SCRIPT.indexOf('size=4G'), 0, '${Z:=1}'), false);
  // A variable the command did not read before.
  assert.equal(check(SCRIPT, SCRIPT.indexOf('size=4G'), 0, '$OTHER'), false);
  // A here-document.
  assert.equal(check(SCRIPT, SCRIPT.indexOf('-device nvdimm,id=n1,memdev=m1') + 30, 0, ' <<EOF'), false);
});

test('composeChange folds successive edits into one range of the base text', () => {
  // base "abcdef": insert "X" at 2 -> "abXcdef"; delete [4,6) ("de") -> "abXcf".
  let c = composeChange(undefined, 2, 2, 1);
  assert.deepEqual(c, { start: 2, oldEnd: 2, newEnd: 3 });
  c = composeChange(c, 4, 6, 0);
  assert.deepEqual(c, { start: 2, oldEnd: 5, newEnd: 4 });
  // "abcdef".slice(0,2) + "abXcf".slice(2,4) + "abcdef".slice(5) === "abXcf"
  assert.equal('abcdef'.slice(0, c.start) + 'abXcf'.slice(c.start, c.newEnd) + 'abcdef'.slice(c.oldEnd), 'abXcf');
  // An edit before the region widens it to the left.
  c = composeChange(c, 0, 1, 0); // "bXcf"
  assert.deepEqual(c, { start: 0, oldEnd: 5, newEnd: 3 });
});
