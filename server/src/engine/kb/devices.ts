/**
 * Memory devices (`-device nvdimm`, `pc-dimm`, `virtio-pmem-pci`, ...), as data.
 *
 * Property lists are what `qemu-system-x86_64 -device <driver>,help` prints
 * for QEMU 7.2 (including the virtio and virtio-pci transport properties,
 * marked `advanced` where they do not matter here), plus the generic
 * `-device` keys `driver`, `id` and `bus` that every device accepts.
 * Defaults are the ones QEMU prints. Since-versions are the first upstream
 * release whose tree has the property; transport properties carry none.
 */

import type { PropInfo, TypeInfo } from './types';

/** Keys every `-device` accepts that `-device <driver>,help` does not list. */
export const DEVICE_GENERIC_PROPERTIES: readonly PropInfo[] = [
  {
    name: 'driver',
    type: 'string',
    required: true,
    doc: 'The device model. On `-device` it is the implied first key: `-device nvdimm,...` equals `-device driver=nvdimm,...`.',
  },
  {
    name: 'id',
    type: 'id',
    doc: 'The device\'s name, used by `device_del` and in `query-memory-devices`. Must start with a letter and contain only letters, digits, `-`, `.` and `_`; unique among devices.',
  },
  {
    name: 'bus',
    type: 'string',
    advanced: true,
    doc: 'The bus to plug into (e.g. a `pcie-root-port` id on q35 for hot-pluggable PCI devices). DIMM devices have no bus.',
  },
];

const MEMDEV_DOC_DIMM =
  '**Required.** Id of the `memory-backend-*` object that provides the memory. A backend can serve only one device (or NUMA node). For data to persist, use a `memory-backend-file` with `share=on`.';

/** Properties shared by `pc-dimm` and `nvdimm` (TYPE_PC_DIMM). */
function dimmProperties(kind: 'pc-dimm' | 'nvdimm'): PropInfo[] {
  return [
    {
      name: 'memdev',
      type: 'link',
      link: 'memory-backend',
      required: true,
      since: '2.1',
      doc: MEMDEV_DOC_DIMM,
    },
    {
      name: 'addr',
      type: 'uint',
      default: '0 (auto)',
      since: '2.1',
      doc: 'Guest-physical address of the device inside the device-memory window; 0 lets QEMU choose. Must be aligned to the backend\'s alignment (page size by default) and must not overlap another memory device. (virtio-pmem calls this `memaddr`.)',
    },
    {
      name: 'slot',
      type: 'int',
      default: '-1 (auto)',
      since: '2.1',
      doc: 'Memory slot, `0` to `slots-1` of `-m ...,slots=N`; `-1` picks a free one. Every DIMM uses one slot.',
    },
    {
      name: 'node',
      type: 'uint',
      default: '0',
      since: '2.1',
      doc: 'Guest NUMA node the memory belongs to; must be less than the number of `-numa node` entries (1 without `-numa`).',
    },
    {
      name: 'size',
      type: 'size',
      readOnly: true,
      since: '2.1',
      doc:
        kind === 'nvdimm'
          ? 'Read-only: the usable PMEM size, `backend size - label-size` rounded down to the backend alignment. Set the size on the backend instead.'
          : 'Read-only: the size of the backend. Set the size on the backend instead.',
    },
  ];
}

const NVDIMM_PROPERTIES: PropInfo[] = [
  ...DEVICE_GENERIC_PROPERTIES,
  ...dimmProperties('nvdimm'),
  {
    name: 'label-size',
    type: 'size',
    default: '0 (no label area)',
    since: '2.7',
    suggestions: ['128K', '256K'],
    doc: 'Size of the namespace label area, at least `128K` when set (an explicit `0` is rejected too). The label lives at the **end** of the backend (`size - label-size`), so adding, removing or resizing labels on an existing image moves data the guest sees. Required on pseries.',
  },
  {
    name: 'unarmed',
    type: 'bool',
    default: 'off',
    since: '2.12',
    doc: 'Tell the guest the device cannot accept persistent writes (Linux then makes it read-only). **Required** (`on`) with a `readonly=on` backend; recommended whenever the backend is not real persistent memory.',
  },
  {
    name: 'uuid',
    type: 'uuid',
    default: 'all zeros',
    since: '5.0',
    doc: 'UUID reported to the guest. Optional on x86; **required** on pseries.',
  },
];

export const NVDIMM: TypeInfo = {
  name: 'nvdimm',
  kind: 'device',
  since: '2.6',
  complete: true,
  doc: 'Emulated ACPI NVDIMM (persistent memory DIMM) backed by a memory backend. On x86 it needs `-M ...,nvdimm=on`, ACPI, `-m ...,slots=N,maxmem=M` with a free slot and room in `maxmem - size`. Data persists only with a `memory-backend-file`, `share=on`; crash-safe persistence needs a DAX backing file with `pmem=on`.',
  properties: NVDIMM_PROPERTIES,
};

export const PC_DIMM: TypeInfo = {
  name: 'pc-dimm',
  kind: 'device',
  since: '2.1',
  complete: true,
  doc: 'A hot-pluggable RAM DIMM. It uses a memory slot and device memory like an NVDIMM, but the guest sees ordinary volatile RAM: nothing is meant to persist.',
  properties: [...DEVICE_GENERIC_PROPERTIES, ...dimmProperties('pc-dimm')],
};

/** Virtio device-level properties (present on the bare device and aliased on the -pci proxy). */
const VIRTIO_DEVICE_COMMON: PropInfo[] = [
  { name: 'any_layout', type: 'bool', default: 'on', advanced: true, doc: 'Virtio feature bit ANY_LAYOUT. Leave at the default.' },
  { name: 'event_idx', type: 'bool', default: 'on', advanced: true, doc: 'Virtio feature bit EVENT_IDX. Leave at the default.' },
  { name: 'indirect_desc', type: 'bool', default: 'on', advanced: true, doc: 'Virtio feature bit INDIRECT_DESC. Leave at the default.' },
  { name: 'iommu_platform', type: 'bool', default: 'off', advanced: true, doc: 'Make the device honour a virtual IOMMU (needed for confidential guests).' },
  { name: 'notify_on_empty', type: 'bool', default: 'on', advanced: true, doc: 'Virtio feature bit NOTIFY_ON_EMPTY. Leave at the default.' },
  { name: 'packed', type: 'bool', default: 'off', advanced: true, doc: 'Use packed virtqueues.' },
  { name: 'queue_reset', type: 'bool', default: 'on', advanced: true, doc: 'Virtio feature bit RING_RESET. Leave at the default.' },
  { name: 'use-disabled-flag', type: 'bool', default: 'on', advanced: true, doc: 'Migration compatibility knob. Leave at the default.' },
  { name: 'use-started', type: 'bool', default: 'on', advanced: true, doc: 'Migration compatibility knob. Leave at the default.' },
  { name: 'x-disable-legacy-check', type: 'bool', default: 'off', advanced: true, doc: 'Internal: skip the legacy-virtio sanity check.' },
];

/** Virtio-PCI transport (proxy) properties, as listed for virtio-pmem-pci / virtio-mem-pci in 7.2. */
function virtioPciTransport(backendType: string): PropInfo[] {
  return [
    {
      name: 'addr',
      type: 'pci-addr',
      default: 'auto',
      doc: '**PCI** slot and optional function (`0x5`, `05.0`), not a memory address. A guest-physical address here is misread as a devfn; use `memaddr` for the memory location.',
    },
    { name: 'multifunction', type: 'bool', default: 'off', advanced: true, doc: 'Mark the PCI device as multi-function.' },
    { name: 'acpi-index', type: 'uint', default: '0', advanced: true, doc: 'ACPI index used by the guest to name the device (NIC naming).' },
    { name: 'romfile', type: 'path', advanced: true, doc: 'Option ROM image to expose; empty for none.' },
    { name: 'rombar', type: 'uint', default: '1', advanced: true, doc: 'Expose the option ROM through a BAR (1) or not (0).' },
    { name: 'romsize', type: 'uint', default: '4294967295 (auto)', advanced: true, doc: 'Option ROM BAR size.' },
    { name: 'failover_pair_id', type: 'string', advanced: true, doc: 'Failover pairing for network devices; needs a PCI Express bus. Not meaningful here.' },
    { name: 'x-pcie-lnksta-dllla', type: 'bool', default: 'on', advanced: true, doc: 'Internal PCIe compatibility knob.' },
    { name: 'x-pcie-extcap-init', type: 'bool', default: 'on', advanced: true, doc: 'Internal PCIe compatibility knob.' },
    { name: 'x-pcie-deverr-init', type: 'bool', default: 'on', advanced: true, doc: 'Internal PCIe compatibility knob.' },
    { name: 'x-pcie-lnkctl-init', type: 'bool', default: 'on', advanced: true, doc: 'Internal PCIe compatibility knob.' },
    { name: 'x-pcie-pm-init', type: 'bool', default: 'on', advanced: true, doc: 'Internal PCIe compatibility knob.' },
    { name: 'x-pcie-flr-init', type: 'bool', default: 'on', advanced: true, doc: 'Internal PCIe compatibility knob.' },
    { name: 'x-disable-pcie', type: 'bool', default: 'off', advanced: true, doc: 'Internal: do not expose the device as PCI Express.' },
    { name: 'x-ats-page-aligned', type: 'bool', default: 'on', advanced: true, doc: 'Internal ATS compatibility knob.' },
    { name: 'x-ignore-backend-features', type: 'bool', default: 'off', advanced: true, doc: 'Internal: ignore features the backend lacks.' },
    { name: 'aer', type: 'bool', default: 'off', advanced: true, doc: 'Enable PCIe Advanced Error Reporting.' },
    { name: 'ats', type: 'bool', default: 'off', advanced: true, doc: 'Enable PCIe Address Translation Services.' },
    {
      name: 'disable-legacy',
      type: 'enum',
      values: ['on', 'off', 'auto'],
      default: 'auto',
      advanced: true,
      doc: 'Disable the legacy (virtio 0.9) interface. Memory virtio devices are modern-only anyway.',
    },
    {
      name: 'disable-modern',
      type: 'bool',
      default: 'off',
      advanced: true,
      doc: 'Disable the modern (virtio 1.0) interface. Ignored for virtio-pmem/virtio-mem, which force virtio 1.0.',
    },
    { name: 'migrate-extra', type: 'bool', default: 'on', advanced: true, doc: 'Migration compatibility knob.' },
    { name: 'modern-pio-notify', type: 'bool', default: 'off', advanced: true, doc: 'Add a port-I/O notification capability.' },
    { name: 'page-per-vq', type: 'bool', default: 'off', advanced: true, doc: 'Use one page per virtqueue notification area.' },
    { name: 'virtio-pci-bus-master-bug-migration', type: 'bool', default: 'off', advanced: true, doc: 'Migration compatibility knob.' },
    {
      name: 'virtio-backend',
      type: 'string',
      readOnly: true,
      advanced: true,
      doc: `Read-only child: the inner \`${backendType}\` device of this PCI proxy.`,
    },
  ];
}

const VIRTIO_PMEM_OWN: PropInfo[] = [
  {
    name: 'memdev',
    type: 'link',
    link: 'memory-backend',
    required: true,
    since: '4.1',
    doc: '**Required.** Id of the memory backend exposed to the guest. For data to persist use a `memory-backend-file` with `share=on`; the guest must still `fsync`/`msync` (no MAP_SYNC). A real NVDIMM/DAX backend is not supported by virtio-pmem.',
  },
  {
    name: 'memaddr',
    type: 'uint',
    default: '0 (auto)',
    since: '4.1',
    doc: 'Guest-physical address of the region inside the device-memory window; 0 lets QEMU choose. Must be aligned to the backend alignment. (`addr` is the PCI address on `virtio-pmem-pci`.)',
  },
];

export const VIRTIO_PMEM_PCI: TypeInfo = {
  name: 'virtio-pmem-pci',
  kind: 'device',
  since: '4.1',
  targets: ['x86_64'],
  complete: true,
  doc: 'Paravirtual persistent memory over virtio-pci (x86 only in QEMU). Needs `-m ...,maxmem=M` with room for the backend, but no slot, no `nvdimm=on` and no ACPI. The guest must flush (`fsync`) for writes to reach the host file; hot-unplug is not supported.',
  properties: [...DEVICE_GENERIC_PROPERTIES, ...VIRTIO_PMEM_OWN, ...VIRTIO_DEVICE_COMMON, ...virtioPciTransport('virtio-pmem')],
};

export const VIRTIO_PMEM: TypeInfo = {
  name: 'virtio-pmem',
  kind: 'device',
  since: '4.1',
  targets: ['x86_64'],
  complete: false,
  doc: 'The bus-less virtio-pmem device inside `virtio-pmem-pci`. On its own it needs a virtio bus and fails with `No \'virtio-bus\' bus found`; use `virtio-pmem-pci`.',
  properties: [...DEVICE_GENERIC_PROPERTIES, ...VIRTIO_PMEM_OWN, ...VIRTIO_DEVICE_COMMON],
};

const VIRTIO_MEM_OWN: PropInfo[] = [
  { name: 'memdev', type: 'link', link: 'memory-backend', required: true, since: '5.1', doc: '**Required.** Memory backend providing the maximum size of the device.' },
  { name: 'memaddr', type: 'uint', default: '0 (auto)', since: '5.1', doc: 'Guest-physical address of the region; 0 lets QEMU choose.' },
  { name: 'node', type: 'uint', default: '0', since: '5.1', doc: 'Guest NUMA node of the memory.' },
  { name: 'requested-size', type: 'size', since: '5.1', doc: 'How much of the region the guest is asked to plug; resize at runtime with `qom-set`.' },
  { name: 'block-size', type: 'size', since: '5.1', doc: 'Granularity in which memory is plugged and unplugged.' },
  { name: 'size', type: 'size', readOnly: true, since: '5.1', doc: 'Read-only: the currently plugged size.' },
  { name: 'prealloc', type: 'bool', default: 'off', doc: 'Preallocate memory when it is plugged.' },
  {
    name: 'unplugged-inaccessible',
    type: 'enum',
    values: ['on', 'off', 'auto'],
    default: 'auto',
    advanced: true,
    doc: 'Whether the guest may read unplugged memory.',
  },
];

export const VIRTIO_MEM_PCI: TypeInfo = {
  name: 'virtio-mem-pci',
  kind: 'device',
  since: '5.1',
  targets: ['x86_64', 'aarch64'],
  complete: true,
  doc: 'Paravirtual resizable **volatile** memory (memory hot(un)plug in small blocks). Not persistent memory; listed so it is recognised as a memory device that uses `maxmem` space.',
  properties: [...DEVICE_GENERIC_PROPERTIES, ...VIRTIO_MEM_OWN, ...VIRTIO_DEVICE_COMMON, ...virtioPciTransport('virtio-mem')],
};

export const VIRTIO_MEM: TypeInfo = {
  name: 'virtio-mem',
  kind: 'device',
  since: '5.1',
  targets: ['x86_64', 'aarch64'],
  complete: false,
  doc: 'The bus-less virtio-mem device inside `virtio-mem-pci`; use `virtio-mem-pci`.',
  properties: [...DEVICE_GENERIC_PROPERTIES, ...VIRTIO_MEM_OWN, ...VIRTIO_DEVICE_COMMON],
};

export const SPAPR_NVDIMM: TypeInfo = {
  name: 'spapr-nvdimm',
  kind: 'device',
  since: '7.0',
  targets: ['ppc64'],
  complete: true,
  doc: 'The pseries (PAPR) flavour of `nvdimm` with the extra `pmem-override`; plain `nvdimm` also works on pseries. PAPR requires `label-size`, a `uuid`, and `(size - label-size)` a multiple of 256 MiB; `spapr-nvdimm` requires a `memory-backend-file`.',
  properties: [
    ...NVDIMM_PROPERTIES,
    {
      name: 'pmem-override',
      type: 'bool',
      default: 'off',
      since: '7.0',
      note: 'Present only when QEMU is built with libpmem.',
      doc: 'Force the flush hypercall (`ibm,hcall-flush-required`) on even when the backend is `pmem=on`. Without it, the guest must flush through QEMU only when the backend is not `pmem=on`. Source and destination must agree for migration.',
    },
  ],
};

/** All device types the knowledge base describes in detail. */
export const DEVICES: readonly TypeInfo[] = [
  NVDIMM,
  PC_DIMM,
  VIRTIO_PMEM_PCI,
  VIRTIO_PMEM,
  VIRTIO_MEM_PCI,
  VIRTIO_MEM,
  SPAPR_NVDIMM,
];
