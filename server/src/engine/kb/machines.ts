/**
 * Machine types and `-machine`/`-M` properties, as data.
 *
 * x86 machine types are the complete `qemu-system-x86_64 -machine help` list
 * of QEMU 7.2 (Debian build; it has no `xenfv`/`xenpv`). aarch64 `virt-*`
 * and ppc64 `pseries-*` come from the v7.2.0 sources (hw/arm/virt.c,
 * hw/ppc/spapr.c), as those binaries are not installed here.
 *
 * Property lists: `-machine <type>,help` omits the properties QEMU adds per
 * instance (`nvdimm`, `nvdimm-persistence`, `hmat`, `pflash0/1`, `cxl`, ...),
 * so the x86 lists below were taken from QMP `qom-list-properties` and
 * checked key by key on the binary; `-M` also takes keys that vl.c consumes
 * itself (`type`, `accel`, `kernel-irqchip`, `kvm-shadow-mem`,
 * `igd-passthru`). Struct-valued properties (`memory`, `smp`, `boot`) take
 * dotted sub-keys (`memory.size=...`), which are listed as their own
 * entries; list-valued ones (`sgx-epc`, `cxl-fmw`) take `name.N.key`, which
 * `propertyOf` in index.ts resolves to the base entry.
 */

import type { MachineTypeInfo, PropInfo, TypeInfo } from './types';

// ---------------------------------------------------------------------------
// Machine types
// ---------------------------------------------------------------------------

const PC_VERSIONS = [
  '7.2', '7.1', '7.0', '6.2', '6.1', '6.0', '5.2', '5.1', '5.0', '4.2', '4.1', '4.0', '3.1', '3.0',
  '2.9', '2.8', '2.7', '2.6', '2.5', '2.4', '2.3', '2.2', '2.12', '2.11', '2.10', '2.1', '2.0',
  '1.7', '1.6', '1.5', '1.4',
] as const;

const Q35_VERSIONS = [
  '7.2', '7.1', '7.0', '6.2', '6.1', '6.0', '5.2', '5.1', '5.0', '4.2', '4.1', '4.0.1', '4.0', '3.1',
  '3.0', '2.9', '2.8', '2.7', '2.6', '2.5', '2.4', '2.12', '2.11', '2.10',
] as const;

const VIRT_VERSIONS = [
  '7.2', '7.1', '7.0', '6.2', '6.1', '6.0', '5.2', '5.1', '5.0', '4.2', '4.1', '4.0', '3.1', '3.0',
  '2.12', '2.11', '2.10', '2.9', '2.8', '2.7', '2.6',
] as const;

const PSERIES_VERSIONS = [
  '7.2', '7.1', '7.0', '6.2', '6.1', '6.0', '5.2', '5.1', '5.0', '4.2', '4.1', '4.0', '3.1', '3.0',
  '2.12', '2.12-sxxm', '2.11', '2.10', '2.9', '2.8', '2.7', '2.6', '2.5', '2.4', '2.3', '2.2', '2.1',
] as const;

/** Compare dotted numeric versions ("2.12" > "2.9"); non-numeric tails ("-sxxm") are ignored. */
function cmpVersion(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number.isNaN(pa[i] ?? 0) ? 0 : (pa[i] ?? 0);
    const y = Number.isNaN(pb[i] ?? 0) ? 0 : (pb[i] ?? 0);
    if (x !== y) return x - y;
  }
  return 0;
}

const PC_DOC = 'Standard PC (i440FX + PIIX, 1996).';
const Q35_DOC = 'Standard PC (Q35 + ICH9, 2009). PCI Express: hot-plugged PCI devices (virtio-pmem-pci) need a `pcie-root-port`.';
const DEPRECATED_DOC = ' Deprecated in QEMU 7.2 (QEMU warns).';

function pcMachines(): MachineTypeInfo[] {
  const out: MachineTypeInfo[] = [];
  for (const v of PC_VERSIONS) {
    const deviceMemory = cmpVersion(v, '2.1') >= 0;
    out.push({
      name: `pc-i440fx-${v}`,
      family: 'pc',
      target: 'x86_64',
      nvdimmProperty: true,
      deviceMemory,
      doc:
        PC_DOC +
        (deviceMemory ? '' : ' Has no device memory: `-m ...,slots=,maxmem=` is refused, so no NVDIMM or virtio-pmem.') +
        (cmpVersion(v, '2.5') <= 0 && deviceMemory ? ' With `nvdimm=on` QEMU warns about the legacy fw_cfg mode.' : '') +
        (cmpVersion(v, '1.7') <= 0 ? DEPRECATED_DOC : ''),
    });
  }
  out.push({ name: 'pc', family: 'pc', target: 'x86_64', nvdimmProperty: true, deviceMemory: true, aliasOf: 'pc-i440fx-7.2', doc: `${PC_DOC} Alias of the newest version, \`pc-i440fx-7.2\` (the default machine).` });
  return out;
}

function q35Machines(): MachineTypeInfo[] {
  const out: MachineTypeInfo[] = Q35_VERSIONS.map((v) => ({
    name: `pc-q35-${v}`,
    family: 'q35' as const,
    target: 'x86_64' as const,
    nvdimmProperty: true,
    deviceMemory: true,
    doc: Q35_DOC,
  }));
  out.push({ name: 'q35', family: 'q35', target: 'x86_64', nvdimmProperty: true, deviceMemory: true, aliasOf: 'pc-q35-7.2', doc: `${Q35_DOC} Alias of \`pc-q35-7.2\`.` });
  return out;
}

function virtMachines(): MachineTypeInfo[] {
  const doc = (v: string): string =>
    'ARM Virtual Machine. Has the `nvdimm` property (default off; NVDIMM needs `nvdimm=on`). ' +
    (cmpVersion(v, '4.2') >= 0
      ? 'Memory devices need the ACPI GED device, which exists only with UEFI firmware loaded, an AArch64 CPU, ACPI on and no MTE. virtio-pmem is not available on Arm.'
      : 'Machine types before virt-4.2 have no ACPI GED device, so memory devices (NVDIMM, pc-dimm) are refused even though `slots`/`maxmem` parse.');
  const out: MachineTypeInfo[] = VIRT_VERSIONS.map((v) => ({
    name: `virt-${v}`,
    family: 'virt' as const,
    target: 'aarch64' as const,
    nvdimmProperty: true,
    deviceMemory: cmpVersion(v, '4.2') >= 0,
    doc: doc(v),
  }));
  out.push({ name: 'virt', family: 'virt', target: 'aarch64', nvdimmProperty: true, deviceMemory: true, aliasOf: 'virt-7.2', doc: `${doc('7.2')} Alias of \`virt-7.2\`.` });
  return out;
}

function pseriesMachines(): MachineTypeInfo[] {
  const doc = (v: string): string =>
    'pSeries Logical Partition (PAPR compliant). ' +
    (cmpVersion(v, '5.0') >= 0
      ? 'NVDIMM support is **on by default** (`nvdimm=off` then refuses NVDIMMs); needs `label-size`, a `uuid`, and 256 MiB multiples.'
      : 'No NVDIMM support (no `nvdimm` property).') +
    (cmpVersion(v, '2.5') < 0 ? ' No memory hotplug (no device memory).' : ' `-m` size and maxmem must be multiples of 256 MiB.');
  const out: MachineTypeInfo[] = PSERIES_VERSIONS.map((v) => ({
    name: `pseries-${v}`,
    family: 'pseries' as const,
    target: 'ppc64' as const,
    nvdimmProperty: cmpVersion(v, '5.0') >= 0,
    deviceMemory: cmpVersion(v, '2.5') >= 0,
    doc: doc(v),
  }));
  out.push({ name: 'pseries', family: 'pseries', target: 'ppc64', nvdimmProperty: true, deviceMemory: true, aliasOf: 'pseries-7.2', doc: `${doc('7.2')} Alias of \`pseries-7.2\`.` });
  return out;
}

const NO_MEMDEV_NOTE =
  ' It has no memory hotplug handler: `-device nvdimm`/`pc-dimm`/`virtio-pmem-pci` are **accepted but never mapped** (QEMU 7.2 reports them at address 0, slot -1), so the guest never sees them.';

/** Every machine type known: x86_64 (complete for 7.2), aarch64 `virt*`, ppc64 `pseries*`. */
export const MACHINE_TYPES: readonly MachineTypeInfo[] = [
  {
    name: 'microvm',
    family: 'microvm',
    target: 'x86_64',
    nvdimmProperty: false,
    deviceMemory: false,
    doc: 'Minimal x86 machine for fast-booting guests (virtio-mmio, optional PCIe with `pcie=on`). No `nvdimm` property; `slots`/`maxmem` parse.' + NO_MEMDEV_NOTE,
  },
  ...pcMachines(),
  ...q35Machines(),
  {
    name: 'isapc',
    family: 'isapc',
    target: 'x86_64',
    nvdimmProperty: true,
    deviceMemory: false,
    doc: 'ISA-only PC. Has the `nvdimm` property but no device memory: `-m ...,slots=,maxmem=` is refused and it has no ACPI memory hotplug, so NVDIMM and virtio-pmem cannot work.',
  },
  {
    name: 'none',
    family: 'other',
    target: 'x86_64',
    nvdimmProperty: false,
    deviceMemory: false,
    doc: 'Empty machine (no CPUs, no boards), used for probing.' + NO_MEMDEV_NOTE,
  },
  {
    name: 'x-remote',
    family: 'other',
    target: 'x86_64',
    nvdimmProperty: false,
    deviceMemory: false,
    doc: 'Experimental machine for multi-process QEMU device emulation.' + NO_MEMDEV_NOTE,
  },
  ...virtMachines(),
  ...pseriesMachines(),
];

// ---------------------------------------------------------------------------
// Machine properties
// ---------------------------------------------------------------------------

/** Keys `-M` accepts on every machine because vl.c consumes them before the machine sees them. */
export const MACHINE_LEGACY_KEYS: readonly PropInfo[] = [
  {
    name: 'type',
    type: 'string',
    doc: 'The machine type; the implied first key of `-M`/`-machine` (`-M q35` = `-M type=q35`).',
  },
  {
    name: 'accel',
    type: 'string',
    suggestions: ['kvm', 'tcg', 'kvm:tcg'],
    doc: 'Legacy spelling of `-accel`: accelerators to try in order, separated by `:`.',
  },
  { name: 'kernel-irqchip', type: 'enum', values: ['on', 'off', 'split'], advanced: true, doc: 'Legacy spelling of the KVM accelerator property: in-kernel interrupt controller.' },
  { name: 'kvm-shadow-mem', type: 'size', advanced: true, doc: 'Legacy spelling of the KVM accelerator property: KVM shadow MMU size.' },
  { name: 'igd-passthru', type: 'bool', advanced: true, doc: 'Legacy spelling of the Xen accelerator property for Intel graphics passthrough.' },
];

/** Properties of every MachineClass (hw/core/machine.c), with their dotted sub-keys. */
const MACHINE_COMMON: readonly PropInfo[] = [
  { name: 'append', type: 'string', doc: 'Kernel command line for `kernel=` (same as `-append`).' },
  { name: 'kernel', type: 'path', doc: 'Linux kernel image to boot directly (same as `-kernel`).' },
  { name: 'initrd', type: 'path', doc: 'Initial ramdisk for `kernel=` (same as `-initrd`).' },
  { name: 'dtb', type: 'path', advanced: true, doc: 'Device tree blob to pass to the guest (same as `-dtb`).' },
  { name: 'dumpdtb', type: 'path', advanced: true, doc: 'Write the generated device tree to this file and exit.' },
  { name: 'dt-compatible', type: 'string', advanced: true, doc: 'Override the device tree root `compatible` string.' },
  { name: 'phandle-start', type: 'int', advanced: true, doc: 'First device tree phandle QEMU allocates.' },
  { name: 'firmware', type: 'path', doc: 'Firmware image (same as `-bios`).' },
  { name: 'graphics', type: 'bool', default: 'on', doc: 'Emulate graphics; `off` is like `-nographic` for the board.' },
  { name: 'usb', type: 'bool', doc: 'Create a USB controller.' },
  { name: 'dump-guest-core', type: 'bool', default: 'on', doc: 'Include guest memory in QEMU core dumps; the default for memory backends\' `dump`.' },
  { name: 'mem-merge', type: 'bool', default: 'on', doc: 'Allow KSM page merging of guest memory; the default for memory backends\' `merge`.' },
  { name: 'suppress-vmdesc', type: 'bool', default: 'off', advanced: true, doc: 'Omit the self-describing section from migration streams.' },
  { name: 'memory-encryption', type: 'id', advanced: true, doc: 'Deprecated alias of `confidential-guest-support`.' },
  { name: 'confidential-guest-support', type: 'id', advanced: true, doc: 'Id of a confidential-guest object (e.g. `sev-guest`).' },
  {
    name: 'memory-backend',
    type: 'link',
    link: 'memory-backend',
    since: '5.0',
    doc: 'Id of a memory backend to use as the machine\'s main RAM instead of an implicit one. Its size must equal `-m` size, and the backend is then busy: it cannot also serve an NVDIMM or virtio-pmem.',
  },
  {
    name: 'memory',
    type: 'string',
    since: '7.1',
    doc: 'Memory size configuration, written with dotted sub-keys: `memory.size`, `memory.slots`, `memory.max-size` (the `-M` spelling of `-m size=,slots=,maxmem=`).',
  },
  {
    name: 'memory.size',
    type: 'size',
    since: '7.1',
    doc: 'Initial RAM size, like `-m size=`. **A bare number means bytes here** (`memory.size=512` is 512 bytes, rounded up to 8 KiB), unlike `-m 512` which means MiB.',
  },
  {
    name: 'memory.slots',
    type: 'uint',
    since: '7.1',
    doc: 'Number of memory slots for DIMMs and NVDIMMs, like `-m slots=` (at most 256 on x86).',
  },
  {
    name: 'memory.max-size',
    type: 'size',
    since: '7.1',
    doc: 'Maximum memory including device memory, like `-m maxmem=`; a bare number means bytes.',
  },
  { name: 'smp', type: 'string', doc: 'CPU topology, written with dotted sub-keys (`smp.cpus=4`); the `-M` spelling of `-smp`.' },
  { name: 'smp.cpus', type: 'uint', doc: 'Number of vCPUs.' },
  { name: 'smp.sockets', type: 'uint', doc: 'CPU sockets.' },
  { name: 'smp.dies', type: 'uint', advanced: true, doc: 'Dies per socket.' },
  { name: 'smp.clusters', type: 'uint', advanced: true, doc: 'Clusters per die.' },
  { name: 'smp.cores', type: 'uint', doc: 'Cores per cluster.' },
  { name: 'smp.threads', type: 'uint', doc: 'Threads per core.' },
  { name: 'smp.maxcpus', type: 'uint', doc: 'Maximum vCPUs including hot-pluggable ones.' },
  { name: 'boot', type: 'string', since: '7.1', doc: 'Boot configuration, written with dotted sub-keys (`boot.order=c`); the `-M` spelling of `-boot`.' },
  { name: 'boot.order', type: 'string', since: '7.1', doc: 'Boot order (a=floppy, c=disk, d=CD-ROM, n=network).' },
  { name: 'boot.once', type: 'string', since: '7.1', doc: 'Boot order for the first boot only.' },
  { name: 'boot.menu', type: 'bool', since: '7.1', doc: 'Show a boot menu.' },
  { name: 'boot.splash', type: 'path', since: '7.1', advanced: true, doc: 'Splash picture for the boot menu.' },
  { name: 'boot.splash-time', type: 'uint', since: '7.1', advanced: true, doc: 'Splash display time in milliseconds.' },
  { name: 'boot.reboot-timeout', type: 'int', since: '7.1', advanced: true, doc: 'Reboot delay in milliseconds after a failed boot.' },
  { name: 'boot.strict', type: 'bool', since: '7.1', advanced: true, doc: 'Boot only from devices in the boot order.' },
];

/** Added per instance on machines with NUMA support (pc, q35, microvm, virt, pseries). */
const HMAT: PropInfo = {
  name: 'hmat',
  type: 'bool',
  default: 'off',
  since: '5.0',
  doc: 'Build an ACPI HMAT table from `-numa hmat-lb`/`hmat-cache` information.',
};

/** The NVDIMM machine properties, added only on machine types that support NVDIMM. */
const NVDIMM_MACHINE_PROPERTIES: readonly PropInfo[] = [
  {
    name: 'nvdimm',
    type: 'bool',
    default: 'off',
    since: '2.6',
    doc: 'Enable NVDIMM support (ACPI NFIT). **Required** for `-device nvdimm` on x86 and Arm (`nvdimm=on`; the bare flag `nvdimm` is an error in `-M`). Not needed for virtio-pmem. On pseries it defaults to on.',
  },
  {
    name: 'nvdimm-persistence',
    type: 'enum',
    values: ['cpu', 'mem-ctrl'],
    since: '3.0',
    doc: 'Persistence domain reported to the guest in the ACPI platform capabilities: `mem-ctrl` (the memory controller is flushed on power loss) or `cpu` (CPU caches too). Only a promise to the guest: QEMU does not make the host honour it. Has no effect without `nvdimm=on`.',
  },
];

/** X86MachineState properties (pc, q35, isapc, microvm). */
const X86_COMMON: readonly PropInfo[] = [
  {
    name: 'acpi',
    type: 'enum',
    values: ['on', 'off', 'auto'],
    default: 'auto',
    since: '5.0',
    doc: 'Enable ACPI. NVDIMM on x86 needs ACPI (memory hotplug and NFIT); `acpi=off` (or `-no-acpi`) makes `-device nvdimm` fail.',
  },
  { name: 'smm', type: 'enum', values: ['on', 'off', 'auto'], default: 'auto', doc: 'Emulate System Management Mode.' },
  { name: 'pic', type: 'enum', values: ['on', 'off', 'auto'], default: 'auto', advanced: true, doc: 'Emulate the i8259 interrupt controller.' },
  { name: 'pit', type: 'enum', values: ['on', 'off', 'auto'], default: 'auto', advanced: true, doc: 'Emulate the i8254 timer.' },
  { name: 'bus-lock-ratelimit', type: 'uint', default: '0', advanced: true, doc: 'Rate limit for guest bus locks (KVM).' },
  { name: 'sgx-epc', type: 'string', since: '6.2', advanced: true, doc: 'SGX enclave page cache sections, as `sgx-epc.N.memdev=<memory-backend-epc id>,sgx-epc.N.node=<n>`.' },
  { name: 'x-oem-id', type: 'string', advanced: true, doc: 'Override the OEM ID in ACPI table headers (up to 6 bytes).' },
  { name: 'x-oem-table-id', type: 'string', advanced: true, doc: 'Override the OEM table ID in ACPI table headers (up to 8 bytes).' },
];

/** PCMachineState properties shared by pc-i440fx-*, pc-q35-* and isapc. */
const PC_COMMON: readonly PropInfo[] = [
  ...NVDIMM_MACHINE_PROPERTIES,
  HMAT,
  { name: 'max-ram-below-4g', type: 'size', advanced: true, doc: 'Maximum RAM placed below the 4 GiB boundary.' },
  {
    name: 'device-memory-region-size',
    type: 'size',
    readOnly: true,
    since: '3.0',
    advanced: true,
    doc: 'Read-only: size of the device-memory window (`maxmem - size`, plus 1 GiB per slot of alignment room on pc/q35).',
  },
  { name: 'vmport', type: 'enum', values: ['on', 'off', 'auto'], default: 'auto', advanced: true, doc: 'Emulate the VMware I/O port.' },
  { name: 'hpet', type: 'bool', default: 'on', advanced: true, doc: 'Emulate the HPET timer.' },
  { name: 'i8042', type: 'bool', default: 'on', advanced: true, doc: 'Emulate the i8042 PS/2 controller.' },
  { name: 'sata', type: 'bool', default: 'on', advanced: true, doc: 'Create the SATA controller (q35).' },
  { name: 'smbus', type: 'bool', default: 'on', advanced: true, doc: 'Create the SMBus controller.' },
  { name: 'max-fw-size', type: 'size', advanced: true, doc: 'Maximum combined firmware (pflash) size.' },
  { name: 'smbios-entry-point-type', type: 'enum', values: ['32', '64'], since: '7.0', advanced: true, doc: 'SMBIOS entry point: 2.1 (32-bit) or 3.0 (64-bit).' },
  { name: 'default-bus-bypass-iommu', type: 'bool', default: 'off', advanced: true, doc: 'Let the default PCI bus bypass a virtual IOMMU.' },
  { name: 'pcspk-audiodev', type: 'id', advanced: true, doc: 'Audiodev id for the PC speaker.' },
  { name: 'cxl', type: 'bool', default: 'off', since: '7.1', advanced: true, doc: 'Enable CXL host bridges.' },
  { name: 'cxl-fmw', type: 'string', since: '7.1', advanced: true, doc: 'CXL fixed memory windows, as `cxl-fmw.N.targets.M=<id>,cxl-fmw.N.size=<size>`.' },
];

/** pflash0/pflash1: added on pc-i440fx-* and pc-q35-* (not isapc). */
const PFLASH: readonly PropInfo[] = [
  { name: 'pflash0', type: 'id', advanced: true, doc: 'Block node id for the firmware code flash (UEFI `OVMF_CODE`).' },
  { name: 'pflash1', type: 'id', advanced: true, doc: 'Block node id for the firmware variables flash (UEFI `OVMF_VARS`).' },
];

const PC_PROPERTIES: readonly PropInfo[] = [...MACHINE_LEGACY_KEYS, ...MACHINE_COMMON, ...X86_COMMON, ...PC_COMMON, ...PFLASH];

export const PC_MACHINE: TypeInfo = {
  name: 'pc',
  kind: 'machine',
  targets: ['x86_64'],
  complete: true,
  doc: 'Properties of the i440FX PC machine types (`pc`, `pc-i440fx-*`).',
  properties: PC_PROPERTIES,
};

export const Q35_MACHINE: TypeInfo = {
  name: 'q35',
  kind: 'machine',
  targets: ['x86_64'],
  complete: true,
  doc: 'Properties of the Q35 machine types (`q35`, `pc-q35-*`). The list is the same as for `pc` in QEMU 7.2.',
  properties: PC_PROPERTIES,
};

export const ISAPC_MACHINE: TypeInfo = {
  name: 'isapc',
  kind: 'machine',
  targets: ['x86_64'],
  complete: true,
  doc: 'Properties of `isapc`: those of `pc` without `pflash0`/`pflash1`.',
  properties: [...MACHINE_LEGACY_KEYS, ...MACHINE_COMMON, ...X86_COMMON, ...PC_COMMON],
};

export const MICROVM_MACHINE: TypeInfo = {
  name: 'microvm',
  kind: 'machine',
  targets: ['x86_64'],
  complete: true,
  doc: 'Properties of `microvm`. There is no `nvdimm` or `nvdimm-persistence` here.',
  properties: [
    ...MACHINE_LEGACY_KEYS,
    ...MACHINE_COMMON,
    ...X86_COMMON,
    HMAT,
    { name: 'pcie', type: 'enum', values: ['on', 'off', 'auto'], default: 'auto', doc: 'Create a PCI Express host bridge (needed for any `-pci` device).' },
    { name: 'rtc', type: 'enum', values: ['on', 'off', 'auto'], default: 'auto', advanced: true, doc: 'Emulate the MC146818 RTC.' },
    { name: 'ioapic2', type: 'enum', values: ['on', 'off', 'auto'], default: 'auto', advanced: true, doc: 'Create a second IO-APIC.' },
    { name: 'isa-serial', type: 'bool', default: 'on', advanced: true, doc: 'Create an ISA serial port.' },
    { name: 'x-option-roms', type: 'bool', default: 'on', advanced: true, doc: 'Load option ROMs.' },
    { name: 'auto-kernel-cmdline', type: 'bool', default: 'on', advanced: true, doc: 'Add virtio-mmio devices to the kernel command line.' },
  ],
};

export const NONE_MACHINE: TypeInfo = {
  name: 'none',
  kind: 'machine',
  complete: true,
  doc: 'Properties of the empty `none` machine: only the generic machine properties.',
  properties: [...MACHINE_LEGACY_KEYS, ...MACHINE_COMMON],
};

export const X_REMOTE_MACHINE: TypeInfo = {
  name: 'x-remote',
  kind: 'machine',
  targets: ['x86_64'],
  complete: true,
  doc: 'Properties of the experimental `x-remote` machine.',
  properties: [
    ...MACHINE_LEGACY_KEYS,
    ...MACHINE_COMMON,
    { name: 'vfio-user', type: 'bool', default: 'off', advanced: true, doc: 'Serve devices over vfio-user.' },
    { name: 'auto-shutdown', type: 'bool', default: 'on', advanced: true, doc: 'Exit when the last client disconnects.' },
  ],
};

/** Arm `virt`: only the properties that matter here (not a complete list). */
export const VIRT_MACHINE: TypeInfo = {
  name: 'virt',
  kind: 'machine',
  targets: ['aarch64'],
  complete: false,
  doc: 'Arm `virt` machine properties relevant to persistent memory (the full list is not recorded, so unknown keys are not judged).',
  properties: [
    ...MACHINE_LEGACY_KEYS,
    ...MACHINE_COMMON,
    ...NVDIMM_MACHINE_PROPERTIES,
    HMAT,
    { name: 'acpi', type: 'enum', values: ['on', 'off', 'auto'], default: 'auto', doc: 'Enable ACPI. Memory devices on `virt` need the ACPI GED device, so `acpi=off` rules out NVDIMM.' },
    { name: 'mte', type: 'bool', default: 'off', doc: 'Memory Tagging Extension. Memory hotplug (and so NVDIMM) is refused with `mte=on`.' },
  ],
};

/** pSeries (ppc64): only the properties that matter here (not a complete list). */
export const PSERIES_MACHINE: TypeInfo = {
  name: 'pseries',
  kind: 'machine',
  targets: ['ppc64'],
  complete: false,
  doc: 'pSeries machine properties relevant to persistent memory (the full list is not recorded, so unknown keys are not judged). `nvdimm` exists on pseries-5.0 and newer and **defaults to on** there.',
  properties: [
    ...MACHINE_LEGACY_KEYS,
    ...MACHINE_COMMON,
    ...NVDIMM_MACHINE_PROPERTIES.map((p) => (p.name === 'nvdimm' ? { ...p, default: 'on' } : p)),
  ],
};

/** pSeries 4.2 and older: as PSERIES_MACHINE but without the NVDIMM properties. */
export const PSERIES_OLD_MACHINE: TypeInfo = {
  ...PSERIES_MACHINE,
  name: 'pseries-old',
  doc: 'pSeries 4.2 and older: no `nvdimm` or `nvdimm-persistence` property (not a complete list).',
  properties: PSERIES_MACHINE.properties.filter((p) => p.name !== 'nvdimm' && p.name !== 'nvdimm-persistence'),
};

/** All machine-property TypeInfos. */
export const MACHINE_PROPERTY_SETS: readonly TypeInfo[] = [
  PC_MACHINE,
  Q35_MACHINE,
  ISAPC_MACHINE,
  MICROVM_MACHINE,
  NONE_MACHINE,
  X_REMOTE_MACHINE,
  VIRT_MACHINE,
  PSERIES_MACHINE,
  PSERIES_OLD_MACHINE,
];

/** Struct/list-valued machine properties that take `name.N.key` (list) sub-keys. */
export const MACHINE_LIST_PROPERTIES: readonly string[] = ['sgx-epc', 'cxl-fmw'];

