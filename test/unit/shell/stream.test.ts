/**
 * The shell layer as a stream (eachShellInvocation): the same invocations and
 * contexts as analyzeShellWithContexts, in order; what the consumer throws is
 * not mistaken for a script problem.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeShellWithContexts, eachShellInvocation, type InvocationContext, type QemuInvocation } from '../../../server/src/engine/shell';
import { analyze } from '../../../server/src/engine/analyze';

const SCRIPT = `#!/bin/bash
A=1G
qemu-system-x86_64 -m $A -object memory-backend-ram,id=r,size=$A; echo "x
y"
f() { qemu-kvm -m 2G; }
qemu-system-x86_64 -m 4G -device 'nvdimm,memdev=r
`;

test('eachShellInvocation gives what analyzeShellWithContexts gives, in order, problems included', () => {
  const seen: [QemuInvocation, InvocationContext, number][] = [];
  const r = eachShellInvocation(SCRIPT, (inv, ctx, problems) => seen.push([inv, ctx, problems.length]));
  const all = analyzeShellWithContexts(SCRIPT);
  assert.equal(r.complete, true);
  assert.deepEqual(seen.map((x) => x[0]), all.invocations);
  assert.deepEqual(seen.map((x) => x[1]), all.contexts);
  assert.deepEqual(r.problems, all.problems);
  // The unclosed quote is reported while its command is read, before the consumer sees that command.
  assert.equal(all.problems.length, 1);
  assert.deepEqual(seen.map((x) => x[2]), [0, 0, 1]);
});

test('what the consumer throws propagates; it is not a script problem', () => {
  assert.throws(
    () =>
      eachShellInvocation(SCRIPT, () => {
        throw new Error('consumer bug');
      }),
    /consumer bug/,
  );
});

test('a derivation that throws leaves the analysis whole: findings kept, the value made again on request', () => {
  let calls = 0;
  const derive = [
    {
      key: 'k',
      make: () => {
        calls++;
        throw new Error('derive bug');
      },
    },
  ];
  const a = analyze(SCRIPT, { languageId: 'shellscript', derive });
  assert.equal(calls, 3);
  assert.ok(a.findings.length > 0);
  assert.equal(a.models!.peek('k', 0), undefined);
  assert.equal(a.models!.derived('k', 0, () => 'again'), 'again');
});
