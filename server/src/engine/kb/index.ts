/**
 * Lookups over the knowledge base. All maps are built once, at module load
 * (property maps lazily, once per TypeInfo), so every lookup is O(1).
 */

import { memoize } from '../memo';
import type { MachineTypeInfo, PropInfo, TypeInfo } from './types';
import { BACKENDS } from './backends';
import { DEVICES } from './devices';
import { X86_64_DEVICE_NAMES, type DeviceNameInfo } from './device-names';
import { X86_64_OBJECT_TYPES, type ObjectTypeNameInfo } from './object-types';
import {
  ISAPC_MACHINE,
  MACHINE_LIST_PROPERTIES,
  MACHINE_PROPERTY_SETS,
  MACHINE_TYPES,
  MICROVM_MACHINE,
  NONE_MACHINE,
  PC_MACHINE,
  PSERIES_MACHINE,
  PSERIES_OLD_MACHINE,
  Q35_MACHINE,
  VIRT_MACHINE,
  X_REMOTE_MACHINE,
} from './machines';
import { MEMORY_OPTION, NUMA_OPTIONS } from './memory';

export type { DeviceNameInfo } from './device-names';
export type { ObjectTypeNameInfo } from './object-types';

/** The QEMU release the knowledge base describes (what `-device help` etc. were read from). */
export const KB_QEMU_VERSION = '7.2';

// ---------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------

/** Numeric components of "7.2", "7.2.22", "2.12-sxxm" (non-numeric tails dropped). */
function versionParts(v: string): number[] {
  const m = /^\s*v?(\d+(?:\.\d+)*)/.exec(v);
  if (!m || m[1] === undefined) return [];
  return m[1].split('.').map((x) => Number.parseInt(x, 10));
}

/**
 * Whether version `a` is at least `b`, comparing dotted numbers
 * component-wise ("2.12" > "2.9"; missing components count as 0, so
 * "7.2.22" ≥ "7.2" and "7.2" ≥ "7.2.0"). An unparsable version is never at
 * least anything.
 */
export function versionAtLeast(a: string, b: string): boolean {
  // Rules ask this for every property of every instance with the same few
  // version strings: answers are kept (bounded, for arbitrary user input).
  const key = `${a}\u0000${b}`;
  const hit = versionCache.get(key);
  if (hit !== undefined) return hit;
  const r = compareVersions(a, b);
  if (versionCache.size < 1024) versionCache.set(key, r);
  return r;
}
const versionCache = new Map<string, boolean>();

function compareVersions(a: string, b: string): boolean {
  const pa = versionParts(a);
  const pb = versionParts(b);
  if (pa.length === 0 || pb.length === 0) return false;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** A type's properties by name, first one per name (as `info.properties.find` would give), built once per type. */
export const propertiesByName: (info: TypeInfo) => ReadonlyMap<string, PropInfo> = memoize((info: TypeInfo) => {
  const byName = new Map<string, PropInfo>();
  for (const q of info.properties) if (!byName.has(q.name)) byName.set(q.name, q);
  return byName;
});

/** The first property of `info` named `key`, from the per-type index: rules ask for every key of every instance. */
export function propertyNamed(info: TypeInfo, key: string): PropInfo | undefined {
  return propertiesByName(info).get(key);
}

/** Whether a property (or type) with this `since` exists in QEMU `version`. Unknown `since` counts as available. */
export function availableIn(item: { readonly since?: string }, version: string = KB_QEMU_VERSION): boolean {
  return item.since === undefined || versionAtLeast(version, item.since);
}

// ---------------------------------------------------------------------------
// Maps
// ---------------------------------------------------------------------------

function indexByName<T extends { readonly name: string; readonly aliases?: readonly string[] }>(
  items: readonly T[],
): ReadonlyMap<string, T> {
  const m = new Map<string, T>();
  for (const it of items) {
    m.set(it.name, it);
    for (const a of it.aliases ?? []) if (!m.has(a)) m.set(a, it);
  }
  return m;
}

const deviceMap = indexByName(DEVICES);
const backendMap = indexByName(BACKENDS);
const machineMap: ReadonlyMap<string, MachineTypeInfo> = new Map(MACHINE_TYPES.map((m) => [m.name, m]));

/** `-device help` names and their aliases (alias → canonical entry). */
const deviceNameMap: ReadonlyMap<string, DeviceNameInfo> = (() => {
  const m = new Map<string, DeviceNameInfo>();
  for (const d of X86_64_DEVICE_NAMES) m.set(d.name, d);
  for (const d of X86_64_DEVICE_NAMES) if (d.alias !== undefined && !m.has(d.alias)) m.set(d.alias, d);
  return m;
})();

const objectTypeMap: ReadonlyMap<string, ObjectTypeNameInfo> = new Map(X86_64_OBJECT_TYPES.map((o) => [o.name, o]));

const listProps = new Set(MACHINE_LIST_PROPERTIES);

// ---------------------------------------------------------------------------
// Devices
// ---------------------------------------------------------------------------

/** The detailed TypeInfo of a device driver (nvdimm, pc-dimm, virtio-pmem-pci, ...), or undefined. */
export function getDevice(name: string): TypeInfo | undefined {
  return deviceMap.get(name);
}

/** All devices the knowledge base describes in detail. */
export function allDevices(): readonly TypeInfo[] {
  return DEVICES;
}

/**
 * The `-device help` entry for a driver name or alias, for x86_64 QEMU 7.2.
 * Other targets have no recorded list: undefined.
 */
export function getDeviceName(name: string, target = 'x86_64'): DeviceNameInfo | undefined {
  return target === 'x86_64' ? deviceNameMap.get(name) : undefined;
}

/** All x86_64 `-device help` entries. */
export function allDeviceNames(): readonly DeviceNameInfo[] {
  return X86_64_DEVICE_NAMES;
}

/**
 * Whether `name` (or an alias QEMU accepts) is a device driver of the target.
 * x86_64 (the default) is judged against the complete 7.2 list. For other
 * targets the full list is not recorded: a device described here for that
 * target gives `true`, one described as unavailable there gives `false`
 * (virtio-pmem-pci on aarch64), anything else `undefined` (cannot tell).
 */
export function isKnownDevice(name: string, target = 'x86_64'): boolean | undefined {
  if (target === 'x86_64') return deviceNameMap.has(name);
  const d = deviceMap.get(name);
  if (!d) return undefined;
  return d.targets === undefined || d.targets.includes(target);
}

/** Whether the driver is a memory device (takes `maxmem` capacity): nvdimm, pc-dimm, virtio-pmem(-pci), virtio-mem(-pci), spapr-nvdimm. */
export function isMemoryDevice(name: string): boolean {
  const n = deviceNameMap.get(name);
  if (n) return n.memoryDevice === true;
  return deviceMap.has(name);
}

// ---------------------------------------------------------------------------
// Objects / backends
// ---------------------------------------------------------------------------

/** The TypeInfo of a `memory-backend-*` qom-type, or undefined. */
export function getBackend(qomType: string): TypeInfo | undefined {
  return backendMap.get(qomType);
}

/** All memory backend TypeInfos (file, ram, memfd, epc). */
export function allBackends(): readonly TypeInfo[] {
  return BACKENDS;
}

/** The `-object help` entry for a qom-type (x86_64 QEMU 7.2), or undefined. */
export function getObjectType(name: string): ObjectTypeNameInfo | undefined {
  return objectTypeMap.get(name);
}

/** Whether `name` is a user-creatable `-object` type of x86_64 QEMU 7.2. */
export function isKnownObjectType(name: string): boolean {
  return objectTypeMap.has(name);
}

/** All `-object help` entries. */
export function allObjectTypes(): readonly ObjectTypeNameInfo[] {
  return X86_64_OBJECT_TYPES;
}

// ---------------------------------------------------------------------------
// Machines
// ---------------------------------------------------------------------------

/** A machine type by exact name (`pc`, `pc-i440fx-7.2`, `q35`, `virt-6.2`, `pseries-4.2`, ...); unknown names give undefined. */
export function getMachineType(name: string): MachineTypeInfo | undefined {
  return machineMap.get(name);
}

/** The versioned machine type an alias stands for (`pc` → `pc-i440fx-7.2`); other names map to themselves. */
export function resolveMachineType(name: string): MachineTypeInfo | undefined {
  const m = machineMap.get(name);
  if (m?.aliasOf !== undefined) return machineMap.get(m.aliasOf) ?? m;
  return m;
}

/** All machine types, optionally of one target. */
export function allMachineTypes(target?: MachineTypeInfo['target']): readonly MachineTypeInfo[] {
  return target === undefined ? MACHINE_TYPES : MACHINE_TYPES.filter((m) => m.target === target);
}

/** All machine-property TypeInfos (pc, q35, isapc, microvm, none, x-remote, virt, pseries, pseries-old). */
export function allMachinePropertySets(): readonly TypeInfo[] {
  return MACHINE_PROPERTY_SETS;
}

/** The `-M` property set of a machine type (by any name getMachineType knows), or undefined for unknown names. */
export function machineProperties(machineTypeName: string): TypeInfo | undefined {
  const m = machineMap.get(machineTypeName);
  if (!m) return undefined;
  switch (m.family) {
    case 'pc':
      return PC_MACHINE;
    case 'q35':
      return Q35_MACHINE;
    case 'isapc':
      return ISAPC_MACHINE;
    case 'microvm':
      return MICROVM_MACHINE;
    case 'virt':
      return VIRT_MACHINE;
    case 'pseries':
      return m.nvdimmProperty ? PSERIES_MACHINE : PSERIES_OLD_MACHINE;
    case 'other':
      return m.name === 'x-remote' ? X_REMOTE_MACHINE : NONE_MACHINE;
  }
}

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

/** The `-m` option's keys. */
export function memoryOption(): TypeInfo {
  return MEMORY_OPTION;
}

/** The `-numa` keys for one entry type (`node` by default, also `dist`, `cpu`, `hmat-lb`, `hmat-cache`); undefined for other types. */
export function numaOption(type = 'node'): TypeInfo | undefined {
  return Object.prototype.hasOwnProperty.call(NUMA_OPTIONS, type) ? NUMA_OPTIONS[type] : undefined;
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/**
 * A property of a type by key. Machine list-valued keys (`sgx-epc.0.memdev`,
 * `cxl-fmw.0.size`) resolve to their base property. Does not filter by
 * version: check `availableIn(prop, version)` for that.
 */
export function propertyOf(type: TypeInfo, key: string): PropInfo | undefined {
  const m = propertiesByName(type);
  const p = m.get(key);
  if (p !== undefined || type.kind !== 'machine') return p;
  const dot = key.indexOf('.');
  if (dot > 0) {
    const base = key.slice(0, dot);
    if (listProps.has(base)) return m.get(base);
  }
  return undefined;
}
