import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, vmAt, vmNear, vmSpans, type AnalyzeOptions } from '../../../server/src/engine/analyze';
import { composeChange, reanalyze } from '../../../server/src/engine/incremental';
import { documentSymbols } from '../../../server/src/engine/features/symbols';

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
  documentSymbols(base); // the editor asked for the outline before the edit
  const next = text.slice(0, at) + ins + text.slice(at + del);
  let fullPasses = 0;
  const inc = reanalyze(base, next, { start: at, oldEnd: at + del, newEnd: at + ins.length }, OPTS, () => fullPasses++);
  const full = analyze(next, OPTS);
  if (!inc) return false;
  assert.deepEqual(inc.findings, full.findings);
  // What the editor asks after every edit (outline, CodeLens) comes without a full pass.
  assert.deepEqual(documentSymbols(inc), documentSymbols(full));
  assert.deepEqual(vmSpans(inc), vmSpans(full));
  assert.equal(fullPasses, 0, 'outline and CodeLens without a full analysis');
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

test('the outline after an edit is made from the edited invocation alone, and survives a full pass', () => {
  const lines: string[] = [];
  for (let i = 0; i < 50; i++) lines.push(`qemu-system-x86_64 -m 1G -object memory-backend-file,id=m${i},size=1G,mem-path=/p/${i} -device nvdimm,id=n${i},memdev=m${i}`);
  const text = lines.join('\n') + '\n';
  const base = analyze(text, OPTS);
  documentSymbols(base);
  const at = text.indexOf('id=n20') + 4;
  const next = text.slice(0, at) + 'x' + text.slice(at);
  const made: ReturnType<typeof analyze>[] = [];
  const inc = reanalyze(base, next, composeChange(undefined, at, at, 1), OPTS, (f) => made.push(f))!;
  assert.ok(inc);
  const outline = documentSymbols(inc);
  assert.equal(made.length, 0);
  assert.equal(outline[20].children.find((c) => c.kind === 'device')?.name, 'nvdimm nx20');
  assert.deepEqual(outline, documentSymbols(analyze(next, OPTS)));
  // Hover on another invocation needs its VM: the full analysis is made, and it keeps the outline made so far.
  vmAt(inc, next.indexOf('id=m40'));
  assert.equal(made.length, 1);
  assert.deepEqual(made[0].models!.peek('outline', 20), inc.models!.peek('outline', 20));
  assert.notEqual(made[0].models!.peek('outline', 3), undefined);
});
