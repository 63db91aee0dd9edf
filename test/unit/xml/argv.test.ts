import { endAt, startAt } from '../../../server/src/engine/mapped';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtDomain } from '../../../server/src/engine/xml/domain';
import { generateQemuArgs } from '../../../server/src/engine/xml/argv';
import type { QemuArgvOptions } from '../../../server/src/engine/xml/types';
import { CASES, domainXml, nvdimm } from './fixtures';

function gen(xml: string, options?: QemuArgvOptions) {
  const { domain } = parseLibvirtDomain(xml);
  return generateQemuArgs(domain!, options);
}

/** "-opt value" lines. */
function lines(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-no-acpi') out.push(args[i]);
    else out.push(`${args[i]} ${args[++i]}`);
  }
  return out;
}

const caseXml = (name: string) => CASES.find((c) => c.name === name)!.xml;

// Expected lines: libvirt 9.0.0 tests/qemuxml2argvdata/*.x86_64-latest.args (reference §3.1).
test('memory-hotplug-nvdimm: -machine nvdimm=on, -m, file backend with prealloc, nvdimm device', () => {
  const g = gen(caseXml('memory-hotplug-nvdimm'));
  assert.deepEqual(g.problems, []);
  assert.deepEqual(lines(g.args), [
    '-machine pc,usb=off,dump-guest-core=off,nvdimm=on',
    '-m size=1048576k,slots=16,maxmem=1099511627776k',
    '-object {"qom-type":"memory-backend-ram","id":"ram-node0","size":1073741824}',
    '-numa node,nodeid=0,cpus=0-1,memdev=ram-node0',
    '-no-acpi',
    '-object {"qom-type":"memory-backend-file","id":"memnvdimm0","mem-path":"/tmp/nvdimm","prealloc":true,"size":536870912}',
    '-device {"driver":"nvdimm","node":0,"memdev":"memnvdimm0","id":"nvdimm0","slot":0}',
  ]);
});

const tail = (name: string) => lines(gen(caseXml(name)).args).slice(-2);

test('access=private → "share":false; -m follows the NUMA cells', () => {
  const g = gen(caseXml('memory-hotplug-nvdimm-access'));
  assert.equal(lines(g.args)[1], '-m size=219136k,slots=16,maxmem=1099511627776k');
  assert.deepEqual(lines(g.args).slice(-2), [
    '-object {"qom-type":"memory-backend-file","id":"memnvdimm0","mem-path":"/tmp/nvdimm","share":false,"prealloc":true,"size":536870912}',
    '-device {"driver":"nvdimm","node":0,"memdev":"memnvdimm0","id":"nvdimm0","slot":0}',
  ]);
});

test('alignsize → "align"', () => {
  assert.deepEqual(tail('memory-hotplug-nvdimm-align')[0],
    '-object {"qom-type":"memory-backend-file","id":"memnvdimm0","mem-path":"/tmp/nvdimm","share":false,"prealloc":true,"size":536870912,"align":2097152}');
});

test('label → device "label-size"', () => {
  assert.deepEqual(tail('memory-hotplug-nvdimm-label')[1],
    '-device {"driver":"nvdimm","node":0,"label-size":131072,"memdev":"memnvdimm0","id":"nvdimm0","slot":0}');
});

test('pmem → "pmem":true and no prealloc', () => {
  assert.deepEqual(tail('memory-hotplug-nvdimm-pmem')[0],
    '-object {"qom-type":"memory-backend-file","id":"memnvdimm0","mem-path":"/tmp/nvdimm","share":false,"size":536870912,"pmem":true}');
});

test('readonly → "unarmed":true', () => {
  assert.deepEqual(tail('memory-hotplug-nvdimm-readonly')[1],
    '-device {"driver":"nvdimm","node":0,"unarmed":true,"memdev":"memnvdimm0","id":"nvdimm0","slot":0}');
});

test('virtio-pmem: no nvdimm=on, shared file backend, pci address', () => {
  const l = lines(gen(caseXml('memory-hotplug-virtio-pmem')).args);
  assert.equal(l[0], '-machine pc,usb=off,dump-guest-core=off');
  assert.equal(l[1], '-m size=2095104k,slots=16,maxmem=1099511627776k');
  assert.deepEqual(l.slice(-2), [
    '-object {"qom-type":"memory-backend-file","id":"memvirtiopmem0","mem-path":"/tmp/virtio_pmem","share":true,"size":536870912}',
    '-device {"driver":"virtio-pmem-pci","memdev":"memvirtiopmem0","id":"virtiopmem0","bus":"pci.0","addr":"0x5"}',
  ]);
});

test('virtio-pmem without access is forced shared', () => {
  const xml = caseXml('memory-hotplug-virtio-pmem').replace(" access='shared'", '');
  assert.match(lines(gen(xml).args).at(-2)!, /"share":true,"size"/);
});

test('hugepages-nvdimm: share from <memoryBacking><access>, hugepage cell backend (upstream .args)', () => {
  const l = lines(gen(caseXml('hugepages-nvdimm'), { hugetlbfsMount: '/dev/hugepages2M' }).args);
  assert.deepEqual([l[2], l[5]], [
    '-object {"qom-type":"memory-backend-file","id":"ram-node0","mem-path":"/dev/hugepages2M/libvirt/qemu/-1-QEMUGuest1","share":true,"prealloc":true,"size":1073741824}',
    '-object {"qom-type":"memory-backend-file","id":"memnvdimm0","mem-path":"/tmp/nvdimm","share":true,"prealloc":true,"size":536870912}',
  ]);
});

test('ppc64 pseries nvdimm: size = AlignDown(size − label, 256 MiB) + label, uuid passed (upstream .args)', () => {
  const xml = domainXml({
    arch: 'ppc64',
    machine: 'pseries',
    devices: nvdimm({ size: '550000', target: "\n        <label><size unit='KiB'>128</size></label>" }).replace(
      '<source>',
      '<uuid>49545eb3-75e1-2d0a-acdd-f0294406c99e</uuid>\n      <source>',
    ),
  });
  const l = lines(gen(xml).args);
  assert.equal(l[0], '-machine pseries,usb=off,dump-guest-core=off,nvdimm=on');
  assert.deepEqual(l.slice(-2), [
    '-object {"qom-type":"memory-backend-file","id":"memnvdimm0","mem-path":"/tmp/nvdimm","prealloc":true,"size":537001984}',
    '-device {"driver":"nvdimm","node":0,"label-size":131072,"uuid":"49545eb3-75e1-2d0a-acdd-f0294406c99e","memdev":"memnvdimm0","id":"nvdimm0","slot":0}',
  ]);
  assert.ok(!l.includes('-no-acpi'));
  const small = gen(xml.replace('550000', '262000'));
  assert.deepEqual(small.problems.map((p) => p.message), ['XML error: minimum target size for the NVDIMM must be 256MB plus the label size']);
});

test('x86 module sizes round up to 2 MiB', () => {
  const g = (size: string) => lines(gen(domainXml({ devices: nvdimm({ size }) })).args).at(-2)!;
  assert.match(g('523264'), /"size":536870912\}/);
  assert.match(g('524289'), /"size":538968064\}/);
  assert.match(g('524288'), /"size":536870912\}/);
});

test('machine expansion is optional', () => {
  const xml = caseXml('memory-hotplug-nvdimm');
  assert.equal(gen(xml, { expandMachine: true }).args[1], 'pc-i440fx-7.2,usb=off,dump-guest-core=off,nvdimm=on');
  assert.equal(gen(xml.replace("machine='pc'", "machine='q35'"), { expandMachine: true }).args[1], 'pc-q35-7.2,usb=off,dump-guest-core=off,nvdimm=on');
  assert.equal(gen(xml, { expandMachine: { pc: 'pc-i440fx-9.9' } }).args[1], 'pc-i440fx-9.9,usb=off,dump-guest-core=off,nvdimm=on');
});

test('no NUMA, no maxMemory: -m in MiB and the machine default RAM backend', () => {
  const l = lines(gen(caseXml('own-no-numa-no-hotplug'), { memoryBackingDir: '/r' }).args);
  assert.deepEqual(l, [
    '-machine q35,usb=off,dump-guest-core=off,memory-backend=pc.ram',
    '-m 954',
    '-object {"qom-type":"memory-backend-memfd","id":"pc.ram","share":true,"x-use-canonical-path-for-ramblock-id":false,"size":1000341504}',
    '-no-acpi',
  ]);
});

test('aliases and slots: explicit slots first, lowest free slot for the rest; alias index = slot; user aliases kept', () => {
  const l = lines(gen(caseXml('own-two-nvdimms-two-nodes-auto-slots')).args);
  assert.deepEqual(l.filter((x) => x.startsWith('-device')), [
    '-device {"driver":"nvdimm","node":0,"label-size":262144,"memdev":"memnvdimm1","id":"nvdimm1","slot":1}',
    '-device {"driver":"nvdimm","node":1,"memdev":"memnvdimm0","id":"nvdimm0","slot":0,"addr":5368709120}',
  ]);
  const ua = gen(domainXml({ devices: nvdimm().replace('</memory>', "  <alias name='ua-pm'/>\n    </memory>") }));
  assert.match(lines(ua.args).at(-1)!, /"memdev":"memua-pm","id":"ua-pm","slot":0/);
  const virtio = gen(domainXml({
    devices: Array(2).fill("<memory model='virtio-pmem'><source><path>/p</path></source><target><size unit='MiB'>128</size></target></memory>").join(''),
  }));
  assert.deepEqual(lines(virtio.args).filter((x) => x.startsWith('-device')).map((x) => JSON.parse(x.slice(8)).id), ['virtiopmem0', 'virtiopmem1']);
});

test('share inheritance: device attribute, then NUMA cell memAccess, then memoryBacking', () => {
  const l = lines(gen(caseXml('own-dimm-inherits-memoryBacking-and-cell'), { memoryBackingDir: '/r' }).args);
  assert.deepEqual(l, [
    '-machine pc,usb=off,dump-guest-core=off,mem-merge=off,nvdimm=on',
    '-m size=2097152k,slots=16,maxmem=1099511627776k',
    '-object {"qom-type":"memory-backend-file","id":"ram-node0","mem-path":"/r/-1-QEMUGuest1/ram-node0","discard-data":true,"share":false,"prealloc":true,"size":1073741824}',
    '-numa node,nodeid=0,cpus=0-1,memdev=ram-node0',
    '-object {"qom-type":"memory-backend-file","id":"ram-node1","mem-path":"/r/-1-QEMUGuest1/ram-node1","share":true,"prealloc":true,"size":1073741824}',
    '-numa node,nodeid=1,cpus=2,memdev=ram-node1',
    '-numa dist,src=0,dst=0,val=10',
    '-numa dist,src=0,dst=1,val=21',
    '-numa dist,src=1,dst=0,val=21',
    '-numa dist,src=1,dst=1,val=10',
    '-no-acpi',
    '-object {"qom-type":"memory-backend-file","id":"memdimm1","mem-path":"/r/-1-QEMUGuest1/dimm1","discard-data":true,"share":false,"prealloc":true,"size":268435456}',
    '-device {"driver":"pc-dimm","node":0,"memdev":"memdimm1","id":"dimm1","slot":1}',
    '-object {"qom-type":"thread-context","id":"tc-memdimm0","node-affinity":[0]}',
    '-object {"qom-type":"memory-backend-file","id":"memdimm0","mem-path":"/r/-1-QEMUGuest1/dimm0","share":false,"prealloc":true,"size":268435456,"host-nodes":[0],"policy":"bind","prealloc-context":"tc-memdimm0"}',
    '-device {"driver":"pc-dimm","node":1,"memdev":"memdimm0","id":"dimm0","slot":0}',
    '-object {"qom-type":"memory-backend-file","id":"memnvdimm2","mem-path":"/tmp/nvdimm","share":true,"prealloc":true,"size":536870912,"pmem":true}',
    '-device {"driver":"nvdimm","node":1,"memdev":"memnvdimm2","id":"nvdimm2","slot":2}',
  ]);
});

test('virtio-mem: reserve=false backend, block/requested sizes, pcie root on q35', () => {
  const xml = domainXml({
    machine: 'q35',
    devices: "<memory model='virtio-mem'><source><nodemask>0</nodemask></source><target><size unit='GiB'>1</size><node>0</node><block unit='KiB'>2048</block><requested unit='MiB'>512</requested></target><address type='pci' domain='0' bus='0' slot='8' function='0'/></memory>",
  });
  assert.deepEqual(lines(gen(xml).args).slice(-2), [
    '-object {"qom-type":"memory-backend-ram","id":"memvirtiomem0","reserve":false,"size":1073741824,"host-nodes":[0],"policy":"bind"}',
    '-device {"driver":"virtio-mem-pci","node":0,"block-size":2097152,"requested-size":536870912,"memdev":"memvirtiomem0","id":"virtiomem0","bus":"pcie.0","addr":"0x8"}',
  ]);
});

test('a pci address on an nvdimm is reinterpreted as libvirt 9.0.0 does', () => {
  const xml = domainXml({ devices: nvdimm({ address: "<address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>" }) });
  assert.match(lines(gen(xml).args).at(-1)!, /"id":"nvdimm0","slot":0,"addr":6\}$/);
});

test('words map to the XML element they came from', () => {
  const xml = caseXml('memory-hotplug-nvdimm');
  const { domain } = parseLibvirtDomain(xml);
  const g = generateQemuArgs(domain!);
  const spanOf = (i: number) => g.words[i].span;
  const el = (open: string, close: string) => ({ start: xml.indexOf(open), end: xml.indexOf(close, xml.indexOf(open)) + close.length });
  assert.deepEqual(spanOf(0), el("<type arch", '</type>'));
  assert.deepEqual(spanOf(1), el("<type arch", '</type>'));
  assert.deepEqual(spanOf(2), el('<maxMemory', '</maxMemory>'));
  assert.deepEqual(spanOf(4), el("<cell id='0'", '/>'));
  const dev = el("<memory model='nvdimm'", '</memory>');
  assert.deepEqual(spanOf(g.words.length - 1), dev);
  assert.deepEqual(spanOf(g.words.length - 4), dev);
  // Synthetic values: every character maps to the element.
  const v = g.words.at(-1)!.value;
  assert.equal(startAt(v, 5), dev.start);
  assert.equal(endAt(v, 5), dev.end);
  assert.equal(g.words.length, g.args.length);
});

test('missing pieces are left out and reported', () => {
  const g = gen(domainXml({ devices: "<memory model='nvdimm'><source><path>/x</path></source><target><node>0</node></target></memory><memory model='pmem'/>" }));
  assert.deepEqual(g.problems.map((p) => p.message), [
    'memory device has no valid <target><size>',
    "memory device model 'pmem' is not supported by the argv generator",
  ]);
  assert.ok(!g.args.some((a) => a.includes('"driver"')));
  assert.ok(g.args.includes('-machine'));
});

test('slots run out', () => {
  const g = gen(domainXml({ maxMemory: "<maxMemory slots='1' unit='GiB'>8</maxMemory>", devices: nvdimm({ address: '' }) + nvdimm({ address: '' }) }));
  assert.deepEqual(g.problems.map((p) => p.message), ['internal error: failed to find an empty memory slot']);
});
