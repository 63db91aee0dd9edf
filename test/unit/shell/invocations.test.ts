import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, args, only, tokenOf, unknownParts } from './helpers';
import { startAt } from '../../../server/src/engine/mapped';

const Q = 'qemu-system-x86_64';

test('binary names: qemu-system-*, qemu-kvm, any path; others ignored', () => {
  const src = [
    `${Q} -m 1G`,
    '/usr/libexec/qemu-kvm -m 2G',
    './build/qemu-system-aarch64 -M virt',
    'qemu-img create x.img 1G',
    'qemu-system- -m 1',
    'my-qemu-system-x86_64 -m 1',
    '"/opt/q/bin/qemu-system-riscv64" -m 3G',
  ].join('\n');
  const r = analyze(src);
  assert.deepEqual(
    r.invocations.map((i) => [i.binaryName, i.binary.value.text]),
    [
      [Q, Q],
      ['qemu-kvm', '/usr/libexec/qemu-kvm'],
      ['qemu-system-aarch64', './build/qemu-system-aarch64'],
      ['qemu-system-riscv64', '/opt/q/bin/qemu-system-riscv64'],
    ],
  );
  assert.deepEqual(r.invocations[3].binary.span, { start: src.indexOf('"/opt'), end: src.indexOf(' -m 3G') });
});

test('binary from a variable: plain, ${QEMU:-default}, : ${QEMU:=...}, quoted', () => {
  const src = [
    'QEMU=${QEMU:-qemu-system-x86_64}',
    '"$QEMU" -m 1G',
    'Q2=/usr/bin/qemu-system-aarch64',
    '${Q2} -M virt',
    ': ${Q3:=/usr/libexec/qemu-kvm}',
    '$Q3 -m 2G',
    'NOT=$(which qemu-system-x86_64)',
    '$NOT -m 3G',
    '${Q4:-qemu-system-ppc64} -M pseries',
  ].join('\n');
  const r = analyze(src);
  assert.deepEqual(
    r.invocations.map((i) => [i.binaryName, i.binary.value.text, unknownParts(i.binary), args(i)]),
    [
      [Q, '$QEMU', ['$QEMU'], ['-m', '1G']],
      ['qemu-system-aarch64', '/usr/bin/qemu-system-aarch64', [], ['-M', 'virt']],
      ['qemu-kvm', '$Q3', ['$Q3'], ['-m', '2G']],
      ['qemu-system-ppc64', '${Q4:-qemu-system-ppc64}', ['${Q4:-qemu-system-ppc64}'], ['-M', 'pseries']],
    ],
  );
  // A known variable's value maps into its assignment; the word span is the $VAR token.
  const b = r.invocations[1].binary;
  assert.equal(startAt(b.value, 0), src.indexOf('/usr/bin/qemu'));
  assert.equal(tokenOf(src, b), '${Q2}');
  assert.equal(tokenOf(src, r.invocations[0].binary), '"$QEMU"');
});

test('qemu-system-$ARCH is recognised with the unknown suffix kept verbatim', () => {
  const inv = only('qemu-system-$(uname -m) -m 1G');
  assert.equal(inv.binaryName, 'qemu-system-$(uname -m)');
  assert.deepEqual(unknownParts(inv.binary), ['$(uname -m)']);
});

test('wrappers are skipped with their options; span starts at the first word', () => {
  const cases: [string, string[]][] = [
    [`exec ${Q} -m 1G`, ['-m', '1G']],
    [`sudo -E -u root -- ${Q} -m 1G`, ['-m', '1G']],
    [`sudo -uroot VAR=1 ${Q} -m 1G`, ['-m', '1G']],
    [`env -i -u FOO A=1 B="x y" ${Q} -m 1G`, ['-m', '1G']],
    [`nohup ${Q} -m 1G`, ['-m', '1G']],
    [`time -p ${Q} -m 1G`, ['-m', '1G']],
    [`command ${Q} -m 1G`, ['-m', '1G']],
    [`nice -n 10 ${Q} -m 1G`, ['-m', '1G']],
    [`nice -5 ${Q} -m 1G`, ['-m', '1G']],
    [`ionice -c 2 -n7 ${Q} -m 1G`, ['-m', '1G']],
    [`taskset -c 0-3 ${Q} -m 1G`, ['-m', '1G']],
    [`taskset 0x3 ${Q} -m 1G`, ['-m', '1G']],
    [`numactl --membind=0 -N 0 --cpunodebind 0 ${Q} -m 1G`, ['-m', '1G']],
    [`chrt -f 10 ${Q} -m 1G`, ['-m', '1G']],
    [`stdbuf -oL -e 0 ${Q} -m 1G`, ['-m', '1G']],
    [`setsid -f ${Q} -m 1G`, ['-m', '1G']],
    [`timeout -s KILL --foreground 10m ${Q} -m 1G`, ['-m', '1G']],
    [`systemd-run --scope -p MemoryMax=8G --unit vm1 ${Q} -m 1G`, ['-m', '1G']],
    [`sudo -E numactl -m 0 taskset -c 2 nice -n 5 ${Q} -m 1G`, ['-m', '1G']],
    [`LANG=C DISPLAY= ${Q} -m 1G`, ['-m', '1G']],
  ];
  for (const [src, expected] of cases) {
    const r = analyze(src);
    assert.equal(r.invocations.length, 1, src);
    const inv = r.invocations[0];
    assert.deepEqual(args(inv), expected, src);
    assert.equal(inv.binaryName, Q, src);
    assert.deepEqual(inv.span, { start: 0, end: src.length }, src);
    assert.equal(tokenOf(src, inv.binary), Q, src);
  }
});

test('wrapper forms that run no command are not invocations', () => {
  const r = analyze([`command -v ${Q}`, `taskset -p 0x3 ${Q}`, `chrt -p 10 ${Q}`, `ionice -p 12 ${Q}`, 'exec >log 2>&1', `echo ${Q}`, `which ${Q}`].join('\n'));
  assert.equal(r.invocations.length, 0);
});

test('wrapper through a variable: SUDO=${SUDO:-sudo}; $SUDO qemu ...', () => {
  const src = `SUDO=\${SUDO:-sudo}\n$SUDO -E ${Q} -m 1G`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m', '1G']);
  assert.equal(inv.span.start, src.indexOf('$SUDO -E'));
});

test('invocations in functions, if/while/case bodies, after && and with & / || exit', () => {
  const src = [
    'start_vm() {',
    `  ${Q} -name f "$@"`,
    '}',
    'function other {',
    `  ${Q} -name g`,
    '}',
    'if [ -e /dev/kvm ]; then',
    `  ${Q} -name i -enable-kvm`,
    'else',
    `  ${Q} -name e`,
    'fi',
    'while true; do',
    `  ${Q} -name w && break`,
    'done',
    'case "$1" in',
    '  start|run)',
    `    ${Q} -name c1 ;;`,
    '  *) echo usage; exit 1 ;;',
    'esac',
    `test -e x && ${Q} -name and`,
    `${Q} -name bg &`,
    `${Q} -name or || exit 1`,
    `${Q} -name pipe 2>&1 | tee log`,
    'for i in 1 2; do',
    `  ${Q} -name for$i`,
    'done',
    `[[ -n $X && -e y ]] && ${Q} -name test`,
    `! ${Q} -name not`,
  ].join('\n');
  const r = analyze(src);
  assert.deepEqual(
    r.invocations.map((i) => args(i).slice(0, 2).join(' ')),
    ['-name f', '-name g', '-name i', '-name e', '-name w', '-name c1', '-name and', '-name bg', '-name or', '-name pipe', '-name for$i', '-name test', '-name not'],
  );
  const bg = r.invocations[7];
  assert.equal(src.slice(bg.span.start, bg.span.end), `${Q} -name bg`);
  const or = r.invocations[8];
  assert.equal(src.slice(or.span.start, or.span.end), `${Q} -name or`);
});

test('several invocations on one line and exact invocation spans', () => {
  const src = `${Q} -m 1G; qemu-kvm -m 2G && ${Q} -m 3G`;
  const r = analyze(src);
  assert.deepEqual(
    r.invocations.map((i) => src.slice(i.span.start, i.span.end)),
    [`${Q} -m 1G`, 'qemu-kvm -m 2G', `${Q} -m 3G`],
  );
});

test('a typical NVDIMM launch script', () => {
  const src = [
    '#!/bin/bash',
    'set -euo pipefail',
    'QEMU=${QEMU:-qemu-system-x86_64}',
    'PMEM=/dev/shm/pmem0.img',
    'NV_OPTS="-object memory-backend-file,id=mem1,share=on,mem-path=$PMEM,size=4G"',
    'ARGS=(',
    '  -machine pc,nvdimm=on',
    '  -m 2G,slots=2,maxmem=8G   # room for the NVDIMM',
    ')',
    'truncate -s 4G "$PMEM"',
    'exec sudo "$QEMU" "${ARGS[@]}" $NV_OPTS \\',
    '  -device nvdimm,id=nvdimm1,memdev=mem1 \\',
    '  -nographic "$@"',
  ].join('\n');
  const inv = only(src);
  assert.equal(inv.binaryName, Q);
  assert.deepEqual(args(inv), [
    '-machine', 'pc,nvdimm=on', '-m', '2G,slots=2,maxmem=8G',
    '-object', 'memory-backend-file,id=mem1,share=on,mem-path=/dev/shm/pmem0.img,size=4G',
    '-device', 'nvdimm,id=nvdimm1,memdev=mem1', '-nographic',
  ]);
  const obj = inv.args[5];
  const shareAt = obj.value.text.indexOf('share=on');
  assert.equal(startAt(obj.value, shareAt), src.indexOf('share=on'));
  const pathAt = obj.value.text.indexOf('/dev/shm');
  assert.equal(startAt(obj.value, pathAt), src.indexOf('/dev/shm'));
  assert.equal(inv.span.start, src.indexOf('exec sudo'));
  assert.equal(inv.span.end, src.length);
});
