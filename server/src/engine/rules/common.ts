/**
 * Shared lookups for rules: which knowledge-base type describes an option,
 * and message helpers.
 */
import { memoize } from '../memo';
import { formatSize } from '../qemu/size';
import { getBackend, getDevice, machineProperties, memoryOption, numaOption, propertyNamed } from '../kb';
import type { PropInfo, TypeInfo } from '../kb/types';
import type { DeviceDef, ObjectDef, OptionInstance, PropValue, VmModel } from '../model/types';
import { machineTypeName, propString } from '../model/query';

/** Keys every -device / -object / -machine / -m accepts besides the type's own properties. */
export const UNIVERSAL_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  device: new Set(['driver', 'id', 'bus']),
  object: new Set(['qom-type', 'id']),
  machine: new Set(['type']),
  m: new Set(['size']),
  numa: new Set(['type']),
};

// Keyed by instance: a -machine's type depends on the model, but an instance
// belongs to exactly one model.
const typeOf = memoize((inst: OptionInstance, vm: VmModel) => lookupType(vm, inst));

/** The knowledge-base type describing an option's keys, when we know it. */
export function typeInfoFor(vm: VmModel, inst: OptionInstance): TypeInfo | undefined {
  return typeOf(inst, vm);
}

function lookupType(vm: VmModel, inst: OptionInstance): TypeInfo | undefined {
  switch (inst.option.name) {
    case 'device': {
      const d = (inst as DeviceDef).driver;
      return d ? getDevice(d) : undefined;
    }
    case 'object': {
      const t = (inst as ObjectDef).qomType;
      return t ? getBackend(t) : undefined;
    }
    case 'machine': {
      const t = propString(inst.props.get('type')) ?? machineTypeName(vm);
      return t ? machineProperties(t) : undefined;
    }
    case 'm':
      return memoryOption();
    case 'numa': {
      return numaOption(propString(inst.props.get('type')) ?? 'node');
    }
    default:
      return undefined;
  }
}

/** Every option instance of the model, in kinds rules validate generically (one list per model; do not mutate). */
export const allInstances: (vm: VmModel) => readonly OptionInstance[] = memoize((vm: VmModel) => [
  ...vm.machines,
  ...vm.memories,
  ...vm.numa,
  ...vm.objects,
  ...vm.devices,
]);

/** An entry whose key the option's type describes, with that description. */
export interface TypedEntry {
  readonly inst: OptionInstance;
  readonly info: TypeInfo;
  readonly p: PropValue;
  readonly prop: PropInfo;
}

/**
 * Every entry of every option whose key the knowledge base describes, in
 * source order. The value rules (size, boolean, number, read-only, short
 * form) filter this one list instead of each walking instances and types.
 */
export const typedEntries: (vm: VmModel) => readonly TypedEntry[] = memoize((vm: VmModel) => {
  const out: TypedEntry[] = [];
  for (const inst of allInstances(vm)) {
    const info = typeInfoFor(vm, inst);
    if (!info) continue;
    for (const p of inst.entries) {
      const prop = propertyNamed(info, p.key);
      if (prop) out.push({ inst, info, p, prop });
    }
  }
  return out;
});

/** "0x10000000 (256M)" as used in messages. */
export function bytes(n: number): string {
  return `${formatSize(n)} (${n} bytes)`;
}

export function hex(n: number): string {
  return '0x' + n.toString(16);
}

/** How the option is named in messages: `-device nvdimm "nv1"`. */
export function describe(inst: DeviceDef | ObjectDef): string {
  const id = inst.id ? ` '${inst.id}'` : '';
  if (inst.option.name === 'device') return `-device ${(inst as DeviceDef).driver ?? '?'}${id}`;
  return `-object ${(inst as ObjectDef).qomType ?? '?'}${id}`;
}

/** Where a finding about a whole device or object goes: its driver / qom-type value. */
export function headSpan(inst: DeviceDef | ObjectDef) {
  const key = inst.option.name === 'device' ? 'driver' : 'qom-type';
  return inst.props.get(key)?.span ?? inst.argSpan;
}

/** `'nv1'` or empty, for messages. */
export function named(inst: DeviceDef | ObjectDef): string {
  return inst.id ? ` '${inst.id}'` : '';
}

/** The entry plus one adjacent comma, for removing `key=value` from an option. */
export function removalSpan(text: string, s: { start: number; end: number }) {
  if (text[s.start - 1] === ',') return { start: s.start - 1, end: s.end };
  if (text[s.end] === ',') return { start: s.start, end: s.end + 1 };
  return s;
}

/**
 * memory-backend-file objects whose mem-path is a known absolute path: what
 * the host checks and the file hazards look at (relative paths depend on
 * QEMU's working directory, which a script does not tell).
 */
export function fileBackends(vm: VmModel): { o: ObjectDef; p: PropValue; path: string }[] {
  const out: { o: ObjectDef; p: PropValue; path: string }[] = [];
  for (const o of vm.objects) {
    if (o.qomType !== 'memory-backend-file') continue;
    const p = o.props.get('mem-path');
    const path = propString(p);
    if (!p || path === undefined || !path.startsWith('/')) continue;
    out.push({ o, p, path });
  }
  return out;
}
