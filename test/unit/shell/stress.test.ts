/**
 * Large and pathological inputs: the scanner must finish (linear time, no
 * recursion blow-up), never throw, and still give exact results. No timing
 * assertions; a quadratic regression shows up as these tests taking minutes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, args } from './helpers';

const Q = 'qemu-system-x86_64';

test('20,000-line script with a few invocations', () => {
  const lines: string[] = [];
  for (let i = 0; lines.length < 20000; i++) {
    lines.push(`MEM_${i}="\${MEM_SIZE:-4G}"   # memory for guest ${i}`);
    lines.push(`if [[ -n "$DEBUG" ]]; then echo "guest ${i}: $(date +%s)" >> /tmp/log.${i} 2>&1; fi`);
    lines.push(`ARGS_${i}=(-machine pc,nvdimm=on -m 4G,slots=4,maxmem=32G)`);
    if (i % 1000 === 0) lines.push(`${Q} "\${ARGS_${i}[@]}" -device nvdimm,id=nv${i} || exit 1`);
  }
  const src = lines.join('\n');
  const r = analyze(src);
  assert.equal(r.invocations.length, 7);
  assert.deepEqual(args(r.invocations[6]), ['-machine', 'pc,nvdimm=on', '-m', '4G,slots=4,maxmem=32G', '-device', 'nvdimm,id=nv6000']);
  assert.deepEqual(r.problems, []);
});

test('1 MB single line', () => {
  const src = 'echo ' + 'abc "d e" \\f '.repeat(80000) + `; ${Q} -m 1G`;
  assert.ok(src.length > 1_000_000);
  const r = analyze(src);
  assert.equal(r.invocations.length, 1);
  assert.deepEqual(args(r.invocations[0]), ['-m', '1G']);
  assert.equal(r.invocations[0].span.start, src.length - Q.length - 6);
});

test('100k continuation lines', () => {
  const src = `${Q} \\\n` + '  -smp 2 \\\n'.repeat(100000) + '  -m 1G\n';
  const r = analyze(src);
  assert.equal(r.invocations.length, 1);
  const a = r.invocations[0].args;
  assert.equal(a.length, 200002);
  assert.equal(a[a.length - 1].span.end, src.length - 1);
});

test('50k unclosed quotes and openers', () => {
  for (const unit of ['"', "'", '$(', '${', '`', "$'", '${X:-', '"${X:-', '(', 'A=(', '<<E\n', '$((', '<(']) {
    const src = `${Q} ` + `${unit}x\n`.repeat(50000);
    const r = analyze(src);
    assert.ok(r.invocations.length <= 1, unit);
    assert.ok(r.problems.length >= 0, unit);
  }
});

test('deep nesting does not recurse without bound', () => {
  const src = `${Q} -name ` + '"${X:-'.repeat(20000) + '$(' .repeat(20000) + '`';
  const r = analyze(src);
  assert.equal(r.invocations.length, 1);
  assert.ok(r.problems.length > 0);
});
