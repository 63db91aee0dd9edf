/**
 * Questions rules and features ask of a VM model, answered the way QEMU
 * would answer them (defaults, value syntax, last-wins merging).
 */
import { parseBool, parseSize } from '../qemu/size';
import { getMachineType } from '../kb';
import { memoize } from '../memo';
import type { MachineTypeInfo } from '../kb/types';
import type { DeviceDef, ObjectDef, OptionInstance, PropValue, VmModel } from './types';

/** Memory devices that take a `memdev` and live in device memory. */
export const MEMORY_DEVICE_DRIVERS: ReadonlySet<string> = new Set([
  'nvdimm',
  'pc-dimm',
  'virtio-pmem-pci',
  'virtio-mem-pci',
  'virtio-pmem',
  'spapr-nvdimm',
]);

export const PMEM_DRIVERS: ReadonlySet<string> = new Set(['nvdimm', 'virtio-pmem-pci', 'spapr-nvdimm']);

/** The string value of a prop, or undefined when absent, unknown or not a string. */
export function propString(p: PropValue | undefined): string | undefined {
  if (!p || p.unknown) return undefined;
  if (p.entry.jsonType) return p.entry.jsonType === 'string' ? String(p.entry.jsonValue) : undefined;
  return p.raw;
}

/**
 * A boolean prop as QEMU reads it: short-form flags, JSON booleans, and the
 * on/off spellings. `undefined` when absent, unknown or malformed.
 */
export function propBool(p: PropValue | undefined): boolean | undefined {
  if (!p || p.unknown) return undefined;
  if (p.entry.bare) return p.entry.bare === 'on';
  if (p.entry.jsonType) return p.entry.jsonType === 'boolean' ? Boolean(p.entry.jsonValue) : undefined;
  return parseBool(p.raw);
}

function readSize(p: PropValue, defaultUnit: 'B' | 'M'): number | undefined {
  if (p.entry.jsonType) {
    const n = Number(p.raw);
    return p.entry.jsonType === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
  }
  const r = parseSize(p.raw, { defaultUnit, key: p.key });
  return r.ok ? r.bytes : undefined;
}

// Many rules ask the size of the same prop (-m size and maxmem, every
// backend's size= per device that uses it): each is read once per unit.
const sizeInBytes = memoize((p: PropValue) => readSize(p, 'B'));
const sizeInMiB = memoize((p: PropValue) => readSize(p, 'M'));

/** A size prop in bytes; JSON sizes must be integers. `undefined` when absent, unknown or malformed. */
export function propSize(p: PropValue | undefined, defaultUnit: 'B' | 'M' = 'B'): number | undefined {
  if (!p || p.unknown) return undefined;
  return defaultUnit === 'B' ? sizeInBytes(p) : sizeInMiB(p);
}

/** An integer prop (slot, node, slots). */
export function propInt(p: PropValue | undefined): number | undefined {
  if (!p || p.unknown) return undefined;
  const t = p.raw.trim();
  if (p.entry.jsonType && p.entry.jsonType !== 'number') return undefined;
  if (/^-?\d+$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t, 16);
  return undefined;
}

/** The machine type as written (`pc`, `q35`, `pc-i440fx-7.2`, ...) or the binary's default. */
export function machineTypeName(vm: VmModel): string | undefined {
  const t = propString(vm.machineProps.get('type'));
  if (t) return t;
  if (vm.machineProps.get('type')?.unknown) return undefined;
  switch (vm.arch) {
    case 'x86_64':
      return 'pc';
    case 'ppc64':
      return 'pseries';
    default:
      return undefined;
  }
}

export const machineInfo: (vm: VmModel) => MachineTypeInfo | undefined = memoize((vm: VmModel) => {
  const name = machineTypeName(vm);
  return name ? getMachineType(name) : undefined;
});

/** True for pc/q35 family machines (the x86 NVDIMM rules). */
export function isX86Pc(vm: VmModel): boolean {
  const info = machineInfo(vm);
  if (info) return info.family === 'pc' || info.family === 'q35';
  return vm.arch === 'x86_64' && machineTypeName(vm) === undefined && !vm.machineProps.get('type')?.unknown;
}

/** Objects by id, first definition per id (built once per model: rules ask per device, which made it quadratic). */
export const objectsById: (vm: VmModel) => ReadonlyMap<string, ObjectDef> = memoize((vm: VmModel) => {
  const m = new Map<string, ObjectDef>();
  for (const o of vm.objects) if (o.id !== undefined && !m.has(o.id)) m.set(o.id, o);
  return m;
});

export function isMemoryBackend(o: ObjectDef): boolean {
  return o.qomType !== undefined && o.qomType.startsWith('memory-backend-');
}

export function memdevOf(d: DeviceDef): PropValue | undefined {
  return d.props.get('memdev');
}

/** The backend a device's memdev names, when it exists. */
export function backendOf(vm: VmModel, d: DeviceDef): ObjectDef | undefined {
  const id = propString(memdevOf(d));
  if (id === undefined) return undefined;
  return objectsById(vm).get(id);
}

/** Number of NUMA nodes QEMU will create (1 implicit node without -numa node). */
export function numaNodeCount(vm: VmModel): number {
  let n = 0;
  for (const o of vm.numa) {
    const t = propString(o.props.get('type')) ?? 'node';
    if (t === 'node') n++;
  }
  return Math.max(1, n);
}

export function isNumaNode(o: OptionInstance): boolean {
  return (propString(o.props.get('type')) ?? 'node') === 'node';
}

/** Backend share default: memfd shares by default, file and ram do not. */
export function backendShare(o: ObjectDef): boolean | undefined {
  const p = o.props.get('share');
  if (p) return propBool(p);
  return o.qomType === 'memory-backend-memfd';
}

/** The backend's alignment: `align=` or the host page size (4 KiB). */
export function backendAlign(o: ObjectDef): number | undefined {
  const p = o.props.get('align');
  if (!p) return 4096;
  return propSize(p);
}

/** -m size in bytes (suffix-less means MiB); QEMU's default is 128 MiB. */
export function ramSize(vm: VmModel): number | undefined {
  const p = vm.memoryProps.get('size');
  if (!p) return 128 * 1024 * 1024;
  return propSize(p, 'M');
}

/** -m maxmem in bytes (suffix-less means bytes). */
export function maxMem(vm: VmModel): number | undefined {
  return propSize(vm.memoryProps.get('maxmem'), 'B');
}

export function slotCount(vm: VmModel): number | undefined {
  return propInt(vm.memoryProps.get('slots'));
}

/**
 * The device-memory size a memory device occupies: for an NVDIMM the PMEM
 * size, ALIGN_DOWN(backend size - label-size, align); otherwise the backend size.
 */
export function deviceRegionSize(vm: VmModel, d: DeviceDef): number | undefined {
  const be = backendOf(vm, d);
  if (!be) return undefined;
  const size = propSize(be.props.get('size'));
  if (size === undefined) return undefined;
  if (d.driver === 'nvdimm' || d.driver === 'spapr-nvdimm') {
    const label = d.props.has('label-size') ? propSize(d.props.get('label-size')) : 0;
    const align = regionAlign(be);
    if (label === undefined || align === undefined || align === 0) return undefined;
    const rest = size - label;
    if (rest <= 0) return 0;
    return Math.floor(rest / align) * align;
  }
  return size;
}

/** The memory devices in command-line order (one list per model; do not mutate). */
export const memoryDevices: (vm: VmModel) => readonly DeviceDef[] = memoize((vm: VmModel) =>
  vm.devices.filter((d) => d.driver !== undefined && MEMORY_DEVICE_DRIVERS.has(d.driver)),
);

// ---------------------------------------------------------------------------
// Additions for the QEMU fidelity rules (issue 3).
// ---------------------------------------------------------------------------

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** x86 `pc`/`q35`: ACPI is on unless `-no-acpi` or `-machine acpi=off`. */
export function acpiEnabled(vm: VmModel): boolean {
  if (vm.flags.has('no-acpi')) return false;
  const p = vm.machineProps.get('acpi');
  if (!p) return true;
  const s = propString(p);
  if (s === 'auto') return true;
  return propBool(p) !== false;
}

/** The machine property value as written (`nvdimm=on` → true), undefined when absent or unreadable. */
export function machineBool(vm: VmModel, key: string): boolean | undefined {
  return propBool(vm.machineProps.get(key));
}

/**
 * Alignment of a backend's memory region as QEMU 7.2 sets it on x86_64
 * Linux: file backends use `align=` or the file's page size (4 KiB for a
 * regular file), memfd the page size, ram backends QEMU_VMALLOC_ALIGN (2 MiB).
 */
export function regionAlign(o: ObjectDef): number | undefined {
  if (o.qomType === 'memory-backend-ram') return 2 * MiB;
  if (o.qomType === 'memory-backend-memfd') {
    const hs = o.props.get('hugetlbsize');
    if (hs) return propSize(hs);
    return 4 * KiB;
  }
  return backendAlign(o);
}

/** The backend's size= in bytes. */
export function backendSize(o: ObjectDef): number | undefined {
  return propSize(o.props.get('size'));
}

/** The alignment a memory device is placed with (its memory region's alignment). */
export function deviceAlign(vm: VmModel, d: DeviceDef): number | undefined {
  const be = backendOf(vm, d);
  return be ? regionAlign(be) : undefined;
}

/** The guest-physical address a memory device asks for (`addr=` for DIMMs, `memaddr=` for virtio), 0 = auto. */
export function deviceAddrProp(d: DeviceDef): PropValue | undefined {
  return d.driver === 'nvdimm' || d.driver === 'pc-dimm' ? d.props.get('addr') : d.props.get('memaddr');
}

/**
 * The x86 device-memory window QEMU 7.2 creates for pc/q35 (hw/i386/pc.c
 * pc_memory_init): base = 4 GiB plus the RAM above 4 GiB, rounded up to
 * 1 GiB; size = maxmem - size plus 1 GiB per slot (alignment reserve).
 * Undefined when there is none (maxmem ≤ size) or it cannot be computed.
 */
export function deviceMemoryWindow(vm: VmModel): { base: number; size: number } | undefined {
  const info = machineInfo(vm);
  if (!isX86Pc(vm)) return undefined;
  const ram = ramSize(vm);
  const max = maxMem(vm);
  if (ram === undefined || max === undefined || max <= ram) return undefined;
  const q35 = info?.family === 'q35';
  const lowLimit = q35 ? 0xb0000000 : 0xe0000000;
  let above = 0;
  if (ram >= lowLimit) above = ram - (q35 ? 0x80000000 : 0xc0000000);
  const base = Math.ceil((4 * GiB + above) / GiB) * GiB;
  const slots = slotCount(vm) ?? 0;
  // pc-i440fx-2.1 does not reserve per-slot alignment space (enforce_aligned_dimm off).
  const perSlot = info?.name === 'pc-i440fx-2.1' ? 0 : GiB;
  return { base, size: max - ram + slots * perSlot };
}

/** Whether the machine type has device memory (slots/maxmem work); true when unknown. */
export function hasDeviceMemory(vm: VmModel): boolean {
  const info = machineInfo(vm);
  return info ? info.deviceMemory : true;
}

/** Normalises an absolute path the way the kernel resolves `.`/`..`/`//` (no symlinks). */
export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}

// One pass per model, not one per backend (quadratic with thousands of backends).
const pmemUsersByBackend = memoize((vm: VmModel) => {
  const byBackend = new Map<ObjectDef, DeviceDef[]>();
  for (const d of vm.devices) {
    if (d.driver === undefined || !PMEM_DRIVERS.has(d.driver)) continue;
    const b = backendOf(vm, d);
    if (!b) continue;
    const list = byBackend.get(b);
    if (list) list.push(d);
    else byBackend.set(b, [d]);
  }
  return byBackend;
});

/** Memory devices that use a backend whose data is meant to persist (nvdimm, virtio-pmem). */
export function pmemUsers(vm: VmModel, be: ObjectDef): readonly DeviceDef[] {
  return pmemUsersByBackend(vm).get(be) ?? [];
}

/** The machine family the rules switch on: from -machine, or the binary's default. */
export function machineFamily(vm: VmModel): MachineTypeInfo['family'] | undefined {
  const info = machineInfo(vm);
  if (info) return info.family;
  if (vm.machineProps.get('type')) return undefined;
  return vm.arch === 'ppc64' ? 'pseries' : vm.arch === 'x86_64' ? 'pc' : undefined;
}

/** NVDIMM-like devices of a pseries machine (nvdimm and spapr-nvdimm). */
export function isNvdimmDriver(driver: string | undefined): boolean {
  return driver === 'nvdimm' || driver === 'spapr-nvdimm';
}
