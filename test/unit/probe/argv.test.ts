import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyAccel,
  describeBackends,
  flattenOptions,
  rewriteMemPaths,
  selectProbeArgs,
  splitOptions,
} from '../../../server/src/probe/argv';

const ARGS = [
  '-name', 'vm1', // 0,1
  '-M', 'q35,nvdimm=on,accel=kvm', // 2,3
  '-enable-kvm', // 4
  '-m', '2G,slots=4,maxmem=8G', // 5,6
  '-cpu', 'host,+pdpe1gb', // 7,8
  '-smp', '2', // 9,10
  '-drive', 'file=disk.qcow2,if=virtio', // 11,12
  '-netdev', 'user,id=n0', // 13,14
  '-device', 'virtio-net-pci,netdev=n0', // 15,16
  '-object', 'memory-backend-file,id=mem1,share=on,mem-path=/data/pmem,,0.img,size=4G', // 17,18
  '-device', 'nvdimm,id=nv1,memdev=mem1,label-size=128K', // 19,20
  '-device', 'pcie-root-port,id=rp1,bus=pcie.0,chassis=1', // 21,22
  '-device', 'pcie-root-port,id=rp2,chassis=2', // 23,24
  '-object', 'memory-backend-file,id=mem2,mem-path=vp.img,size=1G', // 25,26
  '-device', 'virtio-pmem-pci,id=vp1,memdev=mem2,bus=rp1', // 27,28
  '-object', 'iothread,id=io1', // 29,30
  '-nographic', // 31
  '-daemonize', // 32
  '-pidfile', '/run/vm.pid', // 33,34
  '-runas', 'qemu', // 35,36
  '-chroot', '/srv', // 37,38
  '-serial', 'mon:stdio', // 39,40
  '-no-acpi', // 41
  '-numa', 'node,memdev=mem1', // 42,43 (not a sensible config, but kept)
  'legacy.img', // 44
];

test('selectProbeArgs keeps the memory configuration with original indices', () => {
  const r = selectProbeArgs(ARGS);
  assert.deepEqual(r.indices, [2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 18, 19, 20, 21, 22, 25, 26, 27, 28, 41, 42, 43]);
  assert.deepEqual(r.args, r.indices.map((i) => ARGS[i]));
  assert.deepEqual(
    r.options.map((o) => o.name),
    ['machine', 'enable-kvm', 'm', 'cpu', 'smp', 'object', 'device', 'device', 'object', 'device', 'no-acpi', 'numa'],
  );
});

test('selectProbeArgs drops disks, network, display, daemonize, pidfile, runas, chroot, serial, positional words', () => {
  const r = selectProbeArgs(ARGS);
  assert.deepEqual(
    r.dropped.map((d) => d.index),
    [0, 1, 11, 12, 13, 14, 15, 16, 23, 24, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 44],
  );
  assert.equal(r.dropped.find((d) => d.index === 44)?.option, null);
  assert.equal(r.dropped.find((d) => d.index === 33)?.option, 'pidfile');
});

test('a bus named by a kept device is kept transitively, also as "id.0"', () => {
  const args = [
    '-device', 'pcie-pci-bridge,id=br1,bus=rp9',
    '-device', 'pcie-root-port,id=rp9',
    '-device', 'virtio-pmem-pci,memdev=m,bus=br1.0',
    '-object', 'memory-backend-ram,id=m,size=1G',
  ];
  assert.deepEqual(selectProbeArgs(args).indices, [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('JSON -device and -object are recognised', () => {
  const args = [
    '-object', '{"qom-type":"memory-backend-file","id":"m1","mem-path":"/x.img","size":1073741824,"share":true}',
    '-device', '{"driver":"nvdimm","id":"nv1","memdev":"m1"}',
    '-device', '{"driver":"e1000"}',
  ];
  const r = selectProbeArgs(args);
  assert.deepEqual(r.indices, [0, 1, 2, 3]);
  const [b] = describeBackends(r.options);
  assert.equal(b.size, 1073741824);
  assert.equal(b.share, true);
  assert.equal(b.memPath, '/x.img');
});

test('-global is kept only for a kept driver', () => {
  const r = selectProbeArgs(['-global', 'nvdimm.unarmed=on', '-global', 'e1000.mac=x', '-device', 'nvdimm,memdev=m']);
  assert.deepEqual(r.indices, [0, 1, 4, 5]);
});

test('an option missing its argument at the end is kept as a bare flag', () => {
  const { options } = splitOptions(['-m']);
  assert.deepEqual(options, [{ name: 'm', flag: '-m', flagIndex: 0, value: null, valueIndex: null }]);
});

test('--double-dash flags are canonicalised', () => {
  const r = selectProbeArgs(['--machine', 'pc', '--object', 'memory-backend-ram,id=r,size=1G']);
  assert.deepEqual(r.options.map((o) => [o.name, o.flag]), [['machine', '--machine'], ['object', '--object']]);
});

test('describeBackends reads sizes, flags, the effective (last) mem-path and bare flags', () => {
  const r = selectProbeArgs([
    '-object', 'memory-backend-file,id=a,mem-path=/one,mem-path=/two,size=1.5G,share,readonly=on,discard-data=off',
    '-object', 'memory-backend-memfd,id=b,size=0x10000000',
  ]);
  const [a, b] = describeBackends(r.options);
  assert.deepEqual(
    { id: a.id, size: a.size, memPath: a.memPath, share: a.share, readonly: a.readonly, discardData: a.discardData },
    { id: 'a', size: 1610612736, memPath: '/two', share: true, readonly: true, discardData: false },
  );
  assert.deepEqual({ id: b.id, qomType: b.qomType, size: b.size, memPath: b.memPath, share: b.share }, {
    id: 'b', qomType: 'memory-backend-memfd', size: 268435456, memPath: null, share: null,
  });
});

test('rewriteMemPaths replaces every mem-path and escapes commas; JSON stays valid JSON', () => {
  const r = selectProbeArgs([
    '-object', 'memory-backend-file,id=a,mem-path=/one,size=1G,mem-path=/data/p,,q.img,share=on',
    '-object', '{"qom-type":"memory-backend-file","id":"j","mem-path":"/x.img","size":4096}',
    '-object', 'memory-backend-ram,id=r,size=1G',
  ]);
  const out = rewriteMemPaths(r.options, (b) => (b.qomType === 'memory-backend-file' ? `/scratch/${b.id},x` : null));
  assert.equal(out[0].value, 'memory-backend-file,id=a,mem-path=/scratch/a,,x,size=1G,mem-path=/scratch/a,,x,share=on');
  assert.deepEqual(JSON.parse(out[1].value!), { 'qom-type': 'memory-backend-file', id: 'j', 'mem-path': '/scratch/j,x', size: 4096 });
  assert.equal(out[2], r.options[2]);
  // Indices survive the rewrite.
  assert.deepEqual(flattenOptions(out).indices, [0, 1, 2, 3, 4, 5]);
});

test('applyAccel replaces the user accelerator and adapts -cpu host under TCG', () => {
  const r = selectProbeArgs(ARGS);
  const { options, notes } = applyAccel(r.options, 'tcg');
  const flat = flattenOptions(options);
  assert.deepEqual(flat.args, [
    '-M', 'q35,nvdimm=on', '-m', '2G,slots=4,maxmem=8G', '-cpu', 'max,+pdpe1gb', '-smp', '2',
    '-object', ARGS[18], '-device', ARGS[20], '-device', ARGS[22], '-object', ARGS[26], '-device', ARGS[28],
    '-no-acpi', '-numa', 'node,memdev=mem1', '-accel', 'tcg',
  ]);
  assert.deepEqual(flat.indices, [2, 3, 5, 6, 7, 8, 9, 10, 17, 18, 19, 20, 21, 22, 25, 26, 27, 28, 41, 42, 43, null, null]);
  assert.deepEqual(notes, [
    '-machine accel=kvm replaced by -accel tcg',
    '-enable-kvm replaced by -accel tcg',
    '-cpu host needs KVM; using -cpu max under TCG',
  ]);
});

test('applyAccel under KVM keeps -cpu host and drops an -M that only named the accelerator', () => {
  const r = selectProbeArgs(['-M', 'accel=tcg', '-accel', 'tcg', '-cpu', 'host']);
  const flat = flattenOptions(applyAccel(r.options, 'kvm').options);
  assert.deepEqual(flat.args, ['-cpu', 'host', '-accel', 'kvm']);
});
