import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAccel, selectProbeArgs } from '../../../server/src/probe/argv';
import { analyzeStderr, substitutePaths } from '../../../server/src/probe/errors';

const ARGS = [
  '-display', 'gtk', // 0,1
  '-M', 'pc,nvdimm=on', // 2,3
  '-m', '512M,slots=2,maxmem=4G', // 4,5
  '-object', 'memory-backend-file,id=mem1,share=on,mem-path=/data/a.img,size=256M', // 6,7
  '-device', 'nvdimm,id=nv1,memdev=mem1', // 8,9
  '-object', 'memory-backend-file,id=mem2,mem-path=/data/b.img,size=128M,align=0x300000', // 10,11
  '-device', 'nvdimm,id=nv2,memdev=mem1', // 12,13 (same text prefix as 8,9 plus more)
  '-no-acpi', // 14
];

function ctx() {
  const r = selectProbeArgs(ARGS);
  const { options } = applyAccel(r.options, 'tcg');
  return {
    progName: 'qemu-system-x86_64',
    options,
    substitutions: [['/tmp/qemu-pmem-X/b0/a.img', '/data/a.img']] as const,
  };
}

test('an option error is placed on the argument word it names', () => {
  const a = analyzeStderr(
    "qemu-system-x86_64: -device nvdimm,id=nv1,memdev=mem1: nvdimm is not enabled: missing 'nvdimm' in '-M'\n",
    ctx(),
  );
  assert.deepEqual(a.error, { message: "nvdimm is not enabled: missing 'nvdimm' in '-M'", argIndex: 9 });
  assert.deepEqual(a.warnings, []);
});

test('the longest matching location wins', () => {
  const a = analyzeStderr('qemu-system-x86_64: -device nvdimm,id=nv2,memdev=mem1: can\'t use already busy memdev: mem1\n', ctx());
  assert.deepEqual(a.error, { message: "can't use already busy memdev: mem1", argIndex: 13 });
});

test('an option without argument is placed on its flag', () => {
  const a = analyzeStderr('qemu-system-x86_64: -no-acpi: something\n', ctx());
  assert.deepEqual(a.error, { message: 'something', argIndex: 14 });
});

test('location-less errors are placed by their text', () => {
  const c = ctx();
  const cases: [string, number | null][] = [
    ["backing store size 0x6400000 does not match 'size' option 0x8000000", 11],
    ["backing store size 0x6400000 does not match 'size' option 0x10000000", 7],
    ["can't open backing store /tmp/qemu-pmem-X/b0/a.img for guest RAM: No such file or directory", null],
    ['alignment 0x300000 must be a power of two', 11],
    ['invalid value of maxmem: maximum memory size (0x20000000) must be at least the initial memory size (0x40000000)', 5],
    ['slots specified but no max-size', 5],
    ["Property 'pc-i440fx-7.2-machine.foo' not found", 3],
    ['something nobody knows', null],
  ];
  for (const [msg, idx] of cases) {
    assert.equal(analyzeStderr(`qemu-system-x86_64: ${msg}\n`, c).error?.argIndex, idx, msg);
  }
});

test('a backing-store path is matched against the path QEMU was given and shown as the user typed it', () => {
  const r = selectProbeArgs(ARGS);
  const options = r.options.map((o) => (o.valueIndex === 7 ? { ...o, value: o.value!.replace('/data/a.img', '/tmp/qemu-pmem-X/b0/a.img') } : o));
  const a = analyzeStderr(
    "qemu-system-x86_64: can't open backing store /tmp/qemu-pmem-X/b0/a.img for guest RAM: Permission denied\n",
    { progName: 'qemu-system-x86_64', options, substitutions: [['/tmp/qemu-pmem-X/b0/a.img', '/data/a.img']] },
  );
  assert.deepEqual(a.error, { message: "can't open backing store /data/a.img for guest RAM: Permission denied", argIndex: 7 });
});

test('warnings are collected separately; the fatal line is the error', () => {
  const stderr = [
    "qemu-system-x86_64: -object memory-backend-file,id=mem2,mem-path=/data/b.img,size=128M,align=0x300000: warning: short-form boolean option 'x' deprecated",
    'Please use x=on instead',
    'Warning: requesting persistence across crashes for backend file /data/a.img failed. Proceeding without persistence, data might become corrupted in case of host crash.',
    "qemu-system-x86_64: warning: Using non DAX backing file with 'pmem=on' option is deprecated",
    'qemu-system-x86_64: -device nvdimm,id=nv1,memdev=mem1: not enough space, currently 0x0 in use of total space for memory devices 0x5800000',
    '',
  ].join('\n');
  const a = analyzeStderr(stderr, ctx());
  assert.deepEqual(a.warnings, [
    { message: "short-form boolean option 'x' deprecated", argIndex: 11 },
    {
      message: 'requesting persistence across crashes for backend file /data/a.img failed. Proceeding without persistence, data might become corrupted in case of host crash.',
      argIndex: 7,
    },
    { message: "Using non DAX backing file with 'pmem=on' option is deprecated", argIndex: null },
  ]);
  assert.deepEqual(a.error, {
    message: 'not enough space, currently 0x0 in use of total space for memory devices 0x5800000',
    argIndex: 9,
  });
});

test('lines of another program name are ignored', () => {
  assert.deepEqual(analyzeStderr('qemu-kvm: slots specified but no max-size\n', ctx()), { error: null, warnings: [] });
});

test('substitutePaths replaces longer scratch paths first', () => {
  assert.equal(
    substitutePaths('/t/b0 and /t/b0/x.img', [['/t/b0', '<dir>'], ['/t/b0/x.img', '/home/u/x.img']]),
    '<dir> and /home/u/x.img',
  );
});
