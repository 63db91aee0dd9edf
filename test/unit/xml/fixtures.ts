/**
 * Domain XML fixtures shared by the argv unit tests and the differential test
 * against libvirt. The first eight are libvirt 9.0.0's own test cases
 * (tests/qemuxml2argvdata/memory-hotplug-nvdimm*.xml, memory-hotplug-virtio-pmem.xml,
 * hugepages-nvdimm.xml), reduced to what matters for memory.
 */

export interface DomainSpec {
  name?: string;
  type?: string;
  arch?: string;
  machine?: string;
  maxMemory?: string;
  memory?: string;
  vcpu?: number;
  memoryBacking?: string;
  features?: string;
  cells?: string;
  devices?: string;
}

export function domainXml(s: DomainSpec): string {
  return `<domain type='${s.type ?? 'qemu'}'>
  <name>${s.name ?? 'QEMUGuest1'}</name>
${s.maxMemory ?? "  <maxMemory slots='16' unit='KiB'>1099511627776</maxMemory>"}
  <memory unit='KiB'>${s.memory ?? '1267710'}</memory>
${s.memoryBacking ?? ''}
  <vcpu placement='static'>${s.vcpu ?? 2}</vcpu>
  <os>
    <type arch='${s.arch ?? 'x86_64'}' machine='${s.machine ?? 'pc'}'>hvm</type>
  </os>
${s.features ?? ''}
  <cpu>
    <numa>
${s.cells ?? "      <cell id='0' cpus='0-1' memory='1048576' unit='KiB'/>"}
    </numa>
  </cpu>
  <devices>
    <emulator>/usr/bin/qemu-system-${s.arch === 'ppc64' ? 'ppc64' : 'x86_64'}</emulator>
${s.devices ?? ''}
  </devices>
</domain>
`;
}

export function nvdimm(opts: { attrs?: string; source?: string; target?: string; node?: number; address?: string; size?: string } = {}): string {
  return `    <memory model='nvdimm'${opts.attrs ?? ''}>
      <source>
        <path>/tmp/nvdimm</path>${opts.source ?? ''}
      </source>
      <target>
        <size unit='KiB'>${opts.size ?? '523264'}</size>
        <node>${opts.node ?? 0}</node>${opts.target ?? ''}
      </target>
${opts.address ?? "      <address type='dimm' slot='0'/>"}
    </memory>`;
}

export interface Case {
  name: string;
  xml: string;
}

/** libvirt's own test pairs (reference §3.1) and our two-device/NUMA cases. */
export const CASES: Case[] = [
  { name: 'memory-hotplug-nvdimm', xml: domainXml({ devices: nvdimm() }) },
  {
    name: 'memory-hotplug-nvdimm-access',
    xml: domainXml({ cells: "      <cell id='0' cpus='0-1' memory='219136' unit='KiB'/>", devices: nvdimm({ attrs: " access='private'" }) }),
  },
  {
    name: 'memory-hotplug-nvdimm-align',
    xml: domainXml({ devices: nvdimm({ attrs: " access='private'", source: "\n        <alignsize unit='KiB'>2048</alignsize>" }) }),
  },
  {
    name: 'memory-hotplug-nvdimm-label',
    xml: domainXml({ devices: nvdimm({ attrs: " access='private'", target: "\n        <label>\n          <size unit='KiB'>128</size>\n        </label>" }) }),
  },
  {
    name: 'memory-hotplug-nvdimm-pmem',
    xml: domainXml({ devices: nvdimm({ attrs: " access='private'", source: '\n        <pmem/>' }) }),
  },
  {
    name: 'memory-hotplug-nvdimm-readonly',
    xml: domainXml({ devices: nvdimm({ attrs: " access='private'", target: '\n        <readonly/>' }) }),
  },
  {
    name: 'memory-hotplug-virtio-pmem',
    xml: domainXml({
      memory: '2619392',
      cells: "      <cell id='0' cpus='0-1' memory='2095104' unit='KiB'/>",
      devices: `    <memory model='virtio-pmem' access='shared'>
      <source>
        <path>/tmp/virtio_pmem</path>
      </source>
      <target>
        <size unit='KiB'>524288</size>
      </target>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
    </memory>`,
    }),
  },
  {
    name: 'hugepages-nvdimm',
    xml: domainXml({
      memoryBacking: "  <memoryBacking>\n    <hugepages>\n      <page size='2048' unit='KiB'/>\n    </hugepages>\n    <access mode='shared'/>\n  </memoryBacking>",
      devices: nvdimm(),
    }),
  },
  {
    name: 'own-two-nvdimms-two-nodes-auto-slots',
    xml: domainXml({
      vcpu: 4,
      memory: '3145728',
      cells: "      <cell id='0' cpus='0-1' memory='1048576' unit='KiB' memAccess='shared'/>\n      <cell id='1' cpus='2-3' memory='524289' unit='KiB'/>",
      features: '  <features>\n    <acpi/>\n  </features>',
      devices: [
        nvdimm({ address: '', size: '524289', target: "\n        <label><size unit='KiB'>256</size></label>" }),
        nvdimm({ node: 1, address: "      <address type='dimm' slot='0' base='0x140000000'/>", source: '\n        <pmem/>', size: '1', attrs: '' }).replace("<size unit='KiB'>1</size>", "<size unit='GiB'>1</size>"),
      ].join('\n'),
    }),
  },
  {
    name: 'own-q35-nvdimm-and-virtio-pmem',
    xml: domainXml({
      machine: 'q35',
      vcpu: 4,
      memory: '4194304',
      cells: "      <cell id='0' cpus='0-1' memory='1' unit='GiB'/>\n      <cell id='1' cpus='2-3' memory='1' unit='GiB' memAccess='private'/>",
      devices: [
        nvdimm({ node: 1, attrs: " discard='no'", source: "\n        <alignsize unit='M'>2</alignsize>", target: '\n        <readonly/>' }),
        `    <memory model='virtio-pmem'>
      <source><path>/tmp/virtio&#x2D;pmem</path></source>
      <target><size unit='MiB'>256</size></target>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>
    </memory>`,
      ].join('\n'),
    }),
  },
  {
    name: 'own-dimm-inherits-memoryBacking-and-cell',
    xml: domainXml({
      vcpu: 3,
      memory: '4194304',
      memoryBacking: "  <memoryBacking>\n    <access mode='shared'/>\n    <allocation mode='immediate'/>\n    <nosharepages/>\n  </memoryBacking>",
      cells: "      <cell id='0' cpus='0' memory='1048576' unit='KiB' memAccess='private' discard='yes'/>\n      <cell id='1' cpus='2' memory='1048576' unit='KiB'>\n        <distances><sibling id='0' value='21'/></distances>\n      </cell>",
      devices: [
        "    <memory model='dimm'>\n      <target><size unit='MiB'>255</size><node>0</node></target>\n    </memory>",
        "    <memory model='dimm' access='private'>\n      <source><nodemask>0</nodemask></source>\n      <target><size unit='MiB'>256</size><node>1</node></target>\n      <address type='dimm' slot='0'/>\n    </memory>",
        nvdimm({ node: 1, address: '', source: '\n        <pmem/>' }),
      ].join('\n'),
    }),
  },
  {
    name: 'own-no-numa-no-hotplug',
    xml: `<domain type='qemu'>
  <name>plain</name>
  <memory unit='MB'>1000</memory>
  <memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>
`,
  },
];
