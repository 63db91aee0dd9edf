/**
 * freeDimmSlot answers from per-domain slot counts; it must give what the
 * plain definition gives: the lowest slot no device other than `except` holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtDomain } from '../../../server/src/engine/xml';
import { dimmSlotOf, freeDimmSlot } from '../../../server/src/engine/rules/libvirt/common';
import type { LibvirtDomain, MemoryDevice } from '../../../server/src/engine/xml/types';

function bruteForce(domain: LibvirtDomain, except?: MemoryDevice): number {
  const used = new Set<bigint>();
  for (const d of domain.memoryDevices) {
    if (d === except) continue;
    const s = dimmSlotOf(d);
    if (s !== undefined) used.add(s);
  }
  let s = 0n;
  while (used.has(s)) s++;
  return Number(s);
}

function domainWith(addresses: readonly string[]): LibvirtDomain {
  const devs = addresses
    .map((a, i) => `<memory model='${i % 2 ? 'nvdimm' : 'dimm'}'><target><size unit='MiB'>128</size><node>0</node></target>${a}</memory>`)
    .join('\n');
  return parseLibvirtDomain(`<domain type='kvm'><devices>${devs}</devices></domain>`).domain!;
}

test('freeDimmSlot: same answer as the plain definition, with and without `except`', () => {
  const dimm = (n: number) => `<address type='dimm' slot='${n}'/>`;
  const pci = (domain: number) => `<address type='pci' domain='${domain}' bus='0' slot='1' function='0'/>`;
  const layouts: string[][] = [
    [],
    [''],
    [dimm(0)],
    [dimm(1)],
    [dimm(0), dimm(0)],
    [dimm(0), dimm(1), dimm(2)],
    [dimm(0), dimm(2), '', dimm(3)],
    [dimm(1), dimm(1), dimm(0)],
    [pci(0), dimm(1), ''],
    [dimm(5), dimm(0), dimm(1), dimm(3), dimm(2), dimm(4)],
    [dimm(0), dimm(1), dimm(1), dimm(2)],
  ];
  for (const l of layouts) {
    const d = domainWith(l);
    assert.equal(freeDimmSlot(d), bruteForce(d), JSON.stringify(l));
    for (const dev of d.memoryDevices) assert.equal(freeDimmSlot(d, dev), bruteForce(d, dev), `${JSON.stringify(l)} except #${dev.index}`);
  }
});
