/**
 * From a full QEMU argv (already shell-expanded values) keep only what the
 * memory configuration needs, remember where each kept word came from, and
 * rewrite option strings for the probe (scratch backing files, accelerator).
 *
 * Kept: -machine/-M, -m, -numa, -smp, -cpu, -accel, -enable-kvm, -no-acpi,
 * -object memory-backend-* and thread-context (prealloc-context), -device of
 * memory devices (nvdimm, virtio-pmem(-pci), pc-dimm, virtio-mem(-pci)) and
 * of the buses they name with bus= (transitively), -global for those
 * drivers, -bios and -L (arm virt needs firmware for NVDIMM). Everything
 * else (disks, network, display, serial, monitor, -daemonize, -pidfile,
 * -runas, -chroot, -kernel, -readconfig, ...) is dropped.
 */
import type { OptEntry, ParsedOpts } from '../engine/qemu/types';
import { parseJsonOpts, parseQemuOpts } from '../engine/qemu/optstring';
import { parseQemuBool, parseQemuSize } from './size';

/** QEMU 7.2 options that take no argument (checked against the binary; everything else takes one). */
export const NO_ARG_OPTIONS: ReadonlySet<string> = new Set([
  'S', 's', 'h', 'help', 'version', 'preconfig', 'async-teardown', 'audio-help', 'daemonize', 'enable-kvm',
  'enable-sync-profile', 'full-screen', 'mem-prealloc', 'no-acpi', 'no-fd-bootchk', 'no-hpet', 'no-reboot',
  'no-shutdown', 'no-user-config', 'nodefaults', 'nographic', 'only-migratable', 'portrait', 'singlestep',
  'snapshot', 'usb', 'win2k-hack', 'xen-attach', 'xen-domid-restrict', 'curses', 'no-quit', 'alt-grab',
  'ctrl-grab', 'semihosting', 'no-frame', 'sdl',
]);

const ALIASES: Record<string, string> = { M: 'machine' };

/** Drivers of memory devices whose configuration the probe checks. */
export const MEMORY_DEVICE_DRIVERS: ReadonlySet<string> = new Set([
  'nvdimm', 'virtio-pmem-pci', 'virtio-pmem', 'pc-dimm', 'virtio-mem-pci', 'virtio-mem',
]);
/** Drivers whose guest shows up as /dev/pmemN. */
export const PMEM_DRIVERS: ReadonlySet<string> = new Set(['nvdimm', 'virtio-pmem-pci', 'virtio-pmem']);

const ALWAYS_KEPT = new Set(['machine', 'm', 'numa', 'smp', 'cpu', 'accel', 'enable-kvm', 'no-acpi', 'bios', 'L']);

export interface ProbeOption {
  /** Canonical name without dashes ("machine" also for -M). */
  readonly name: string;
  /** The flag as written ("-M", "--object"); synthetic for options the probe adds. */
  readonly flag: string;
  /** Index of the flag word in the original argv; null for options the probe adds. */
  readonly flagIndex: number | null;
  /** The argument, or null for options without one. */
  readonly value: string | null;
  readonly valueIndex: number | null;
}

export interface DroppedArg {
  readonly index: number;
  readonly word: string;
  /** Canonical option name, or null for a positional word. */
  readonly option: string | null;
}

export interface SelectedArgs {
  /** The kept options, in argv order. */
  readonly options: readonly ProbeOption[];
  /** The kept words, flattened ... */
  readonly args: readonly string[];
  /** ... and the index of each in the original argv. */
  readonly indices: readonly number[];
  readonly dropped: readonly DroppedArg[];
}

/** Split argv into options the way QEMU's lookup_opt does (one or two leading dashes, no "=" form). */
export function splitOptions(args: readonly string[]): { options: ProbeOption[]; positional: DroppedArg[] } {
  const options: ProbeOption[] = [];
  const positional: DroppedArg[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (!w.startsWith('-') || w === '-') {
      positional.push({ index: i, word: w, option: null });
      continue;
    }
    const bare = w.replace(/^--?/, '');
    const name = ALIASES[bare] ?? bare;
    if (NO_ARG_OPTIONS.has(bare)) {
      options.push({ name, flag: w, flagIndex: i, value: null, valueIndex: null });
    } else if (i + 1 < args.length) {
      options.push({ name, flag: w, flagIndex: i, value: args[i + 1], valueIndex: i + 1 });
      i++;
    } else {
      // QEMU says "requires an argument"; keep the flag so the config check reproduces that.
      options.push({ name, flag: w, flagIndex: i, value: null, valueIndex: null });
    }
  }
  return { options, positional };
}

/** Parse an option's argument: JSON for -object/-device '{...}', QemuOpts otherwise. */
export function parseOptionValue(opt: ProbeOption): ParsedOpts | null {
  if (opt.value === null) return null;
  if ((opt.name === 'object' || opt.name === 'device') && opt.value.trimStart().startsWith('{')) {
    return parseJsonOpts(opt.value);
  }
  const implied: Record<string, string | null> = {
    object: 'qom-type', device: 'driver', machine: 'type', m: 'size', numa: 'type', smp: 'cpus', accel: 'accel', global: null,
  };
  return parseQemuOpts(opt.value, implied[opt.name] ?? null);
}

/** The effective entry for a key: the last one (QemuOpts/keyval: last wins; JSON rejects duplicates anyway). */
export function lastEntry(parsed: ParsedOpts | null, key: string): OptEntry | null {
  if (!parsed) return null;
  for (let i = parsed.entries.length - 1; i >= 0; i--) if (parsed.entries[i].key === key) return parsed.entries[i];
  return null;
}

/** The entry's value as a string (JSON strings decoded). */
export function entryString(e: OptEntry | null): string | null {
  if (!e) return null;
  if (e.jsonType !== undefined) return typeof e.jsonValue === 'string' ? e.jsonValue : e.jsonType === 'number' ? String(e.jsonValue) : null;
  return e.value;
}

export function entryBool(e: OptEntry | null): boolean | null {
  if (!e) return null;
  if (e.jsonType !== undefined) return typeof e.jsonValue === 'boolean' ? e.jsonValue : null;
  if (e.bare) return e.bare === 'on';
  return parseQemuBool(e.value);
}

export function entrySize(e: OptEntry | null): number | null {
  if (!e) return null;
  if (e.jsonType !== undefined) return typeof e.jsonValue === 'number' && Number.isInteger(e.jsonValue) && e.jsonValue >= 0 ? e.jsonValue : null;
  return parseQemuSize(e.value);
}

/** id= (first wins for QemuOpts ids, reference §6) or the JSON "id". */
export function optionId(parsed: ParsedOpts | null): string | null {
  if (!parsed) return null;
  const e = parsed.syntax === 'json' ? lastEntry(parsed, 'id') : parsed.entries.find((x) => x.key === 'id') ?? null;
  return entryString(e);
}

/** Keep the options the configuration needs. Never throws. */
export function selectProbeArgs(args: readonly string[]): SelectedArgs {
  const { options, positional } = splitOptions(args);
  const parsed = options.map((o) => (o.name === 'object' || o.name === 'device' || o.name === 'global' ? parseOptionValue(o) : null));
  const keep = new Array<boolean>(options.length).fill(false);

  // Devices by id, to follow bus= references from memory devices to their buses.
  const devicesById = new Map<string, number>();
  options.forEach((o, i) => {
    if (o.name !== 'device') return;
    const id = optionId(parsed[i]);
    if (id !== null && !devicesById.has(id)) devicesById.set(id, i);
  });
  const keepBusOf = (i: number, seen: Set<number>) => {
    if (seen.has(i)) return;
    seen.add(i);
    // A bus named "rp1" or "rp1.0" (the bus of device rp1): strip a trailing ".N".
    const bus = entryString(lastEntry(parsed[i], 'bus'));
    if (bus === null) return;
    const dev = devicesById.get(bus) ?? devicesById.get(bus.replace(/\.\d+$/, ''));
    if (dev === undefined) return;
    keep[dev] = true;
    keepBusOf(dev, seen);
  };

  const keptDrivers = new Set<string>();
  options.forEach((o, i) => {
    if (ALWAYS_KEPT.has(o.name)) keep[i] = true;
    else if (o.name === 'object') {
      const t = entryString(lastEntry(parsed[i], 'qom-type'));
      if (t !== null && (t.startsWith('memory-backend-') || t === 'thread-context')) keep[i] = true;
    } else if (o.name === 'device') {
      const d = entryString(lastEntry(parsed[i], 'driver'));
      if (d !== null && MEMORY_DEVICE_DRIVERS.has(d)) {
        keep[i] = true;
        keptDrivers.add(d);
        keepBusOf(i, new Set());
      }
    }
  });
  options.forEach((o, i) => {
    if (o.name === 'device' && keep[i]) {
      const d = entryString(lastEntry(parsed[i], 'driver'));
      if (d !== null) keptDrivers.add(d);
    }
  });
  // -global driver.prop=value for a kept driver.
  options.forEach((o, i) => {
    if (o.name !== 'global' || o.value === null) return;
    const first = parsed[i]?.entries[0];
    const driver = first?.key === 'driver' ? entryString(lastEntry(parsed[i], 'driver')) : o.value.split('.')[0];
    if (driver !== null && keptDrivers.has(driver)) keep[i] = true;
  });

  const kept = options.filter((_, i) => keep[i]);
  const dropped: DroppedArg[] = [...positional];
  options.forEach((o, i) => {
    if (keep[i]) return;
    if (o.flagIndex !== null) dropped.push({ index: o.flagIndex, word: o.flag, option: o.name });
    if (o.valueIndex !== null && o.value !== null) dropped.push({ index: o.valueIndex, word: o.value, option: o.name });
  });
  dropped.sort((a, b) => a.index - b.index);
  const flat = flattenOptions(kept);
  return { options: kept, args: flat.args, indices: flat.indices as number[], dropped };
}

/** Options back to argv words, with each word's original index (null for words the probe added). */
export function flattenOptions(options: readonly ProbeOption[]): { args: string[]; indices: (number | null)[] } {
  const args: string[] = [];
  const indices: (number | null)[] = [];
  for (const o of options) {
    args.push(o.flag);
    indices.push(o.flagIndex);
    if (o.value !== null) {
      args.push(o.value);
      indices.push(o.valueIndex);
    }
  }
  return { args, indices };
}

// ---------------------------------------------------------------- rewriting

/**
 * Replace an entry's value in the option text. QemuOpts/keyval values are
 * escaped (",," for ","); JSON values become a JSON string. For JSON the
 * entry's span may or may not include the quotes; both are handled.
 */
export function replaceEntryValue(text: string, syntax: ParsedOpts['syntax'], e: OptEntry, newValue: string): string {
  if (syntax === 'json') {
    const quoted = JSON.stringify(newValue);
    if (text[e.valueFrom] === '"') return text.slice(0, e.valueFrom) + quoted + text.slice(e.valueTo);
    if (text[e.valueFrom - 1] === '"' && text[e.valueTo] === '"') {
      return text.slice(0, e.valueFrom) + quoted.slice(1, -1) + text.slice(e.valueTo);
    }
    return text.slice(0, e.valueFrom) + quoted + text.slice(e.valueTo);
  }
  return text.slice(0, e.valueFrom) + newValue.replace(/,/g, ',,') + text.slice(e.valueTo);
}

/** Remove a key=value (QemuOpts/keyval) together with one separating comma. */
export function removeEntry(text: string, e: OptEntry): string {
  const from = e.implied ? e.valueFrom : e.keyFrom;
  const to = e.valueTo;
  if (to < text.length && text[to] === ',') return text.slice(0, from) + text.slice(to + 1);
  if (from > 0 && text[from - 1] === ',') return text.slice(0, from - 1) + text.slice(to);
  return text.slice(0, from) + text.slice(to);
}

/** A memory backend as the probe needs to know it. */
export interface BackendInfo {
  /** Index into the options list it was read from. */
  readonly option: number;
  readonly id: string | null;
  readonly qomType: string;
  /** Bytes, or null when missing/unparsable (QEMU will refuse it). */
  readonly size: number | null;
  /** mem-path as typed (decoded), the effective (last) one. */
  readonly memPath: string | null;
  /** Explicit values; null when not given (QEMU defaults: share off, except memfd on). */
  readonly share: boolean | null;
  readonly readonly: boolean | null;
  readonly discardData: boolean | null;
  readonly pmem: boolean | null;
}

export function describeBackends(options: readonly ProbeOption[]): BackendInfo[] {
  const out: BackendInfo[] = [];
  options.forEach((o, i) => {
    if (o.name !== 'object') return;
    const p = parseOptionValue(o);
    const qomType = entryString(lastEntry(p, 'qom-type'));
    if (qomType === null || !qomType.startsWith('memory-backend-')) return;
    out.push({
      option: i,
      id: optionId(p),
      qomType,
      size: entrySize(lastEntry(p, 'size')),
      memPath: entryString(lastEntry(p, 'mem-path')),
      share: entryBool(lastEntry(p, 'share')),
      readonly: entryBool(lastEntry(p, 'readonly')),
      discardData: entryBool(lastEntry(p, 'discard-data')),
      pmem: entryBool(lastEntry(p, 'pmem')),
    });
  });
  return out;
}

export interface MemoryDeviceOption {
  readonly option: number;
  readonly driver: string;
  readonly id: string | null;
  readonly memdev: string | null;
  readonly unarmed: boolean | null;
  readonly labelSize: number | null;
}

export function describeMemoryDevices(options: readonly ProbeOption[]): MemoryDeviceOption[] {
  const out: MemoryDeviceOption[] = [];
  options.forEach((o, i) => {
    if (o.name !== 'device') return;
    const p = parseOptionValue(o);
    const driver = entryString(lastEntry(p, 'driver'));
    if (driver === null || !MEMORY_DEVICE_DRIVERS.has(driver)) return;
    out.push({
      option: i,
      driver,
      id: optionId(p),
      memdev: entryString(lastEntry(p, 'memdev')),
      unarmed: entryBool(lastEntry(p, 'unarmed')),
      labelSize: entrySize(lastEntry(p, 'label-size')),
    });
  });
  return out;
}

/**
 * Point every mem-path of every file backend at `scratchFor(backend)`; all
 * duplicate mem-path keys are rewritten, so "last wins" still picks a scratch
 * path. Other options are returned unchanged.
 */
export function rewriteMemPaths(
  options: readonly ProbeOption[],
  scratchFor: (backend: BackendInfo) => string | null,
): ProbeOption[] {
  const backends = new Map(describeBackends(options).map((b) => [b.option, b]));
  return options.map((o, i) => {
    const b = backends.get(i);
    if (!b || o.value === null) return o;
    const target = scratchFor(b);
    if (target === null) return o;
    const p = parseOptionValue(o);
    if (!p) return o;
    // Replace from the end so earlier offsets stay valid.
    const entries = p.entries.filter((e) => e.key === 'mem-path').sort((x, y) => y.valueFrom - x.valueFrom);
    let text = o.value;
    for (const e of entries) text = replaceEntryValue(text, p.syntax, e, target);
    return { ...o, value: text };
  });
}

export type Accel = 'kvm' | 'tcg';

/**
 * Make the accelerator the probe's choice: drop -accel/-enable-kvm and
 * -machine accel=..., add `-accel <accel>`; under TCG, `-cpu host` (KVM
 * only) becomes `-cpu max`. Returns notes describing each change.
 */
export function applyAccel(options: readonly ProbeOption[], accel: Accel): { options: ProbeOption[]; notes: string[] } {
  const notes: string[] = [];
  const out: ProbeOption[] = [];
  for (const o of options) {
    if (o.name === 'accel' || o.name === 'enable-kvm') {
      notes.push(`${o.flag}${o.value !== null ? ' ' + o.value : ''} replaced by -accel ${accel}`);
      continue;
    }
    if (o.name === 'machine' && o.value !== null) {
      const p = parseQemuOpts(o.value, 'type');
      const accels = p.entries.filter((e) => e.key === 'accel').sort((x, y) => y.keyFrom - x.keyFrom);
      if (accels.length > 0) {
        let text = o.value;
        for (const e of accels) text = removeEntry(text, e);
        notes.push(`-machine accel=${accels[accels.length - 1].value} replaced by -accel ${accel}`);
        if (text !== '') out.push({ ...o, value: text });
        continue;
      }
    }
    if (o.name === 'cpu' && o.value !== null && accel === 'tcg') {
      const model = o.value.split(',')[0];
      if (model === 'host') {
        notes.push('-cpu host needs KVM; using -cpu max under TCG');
        out.push({ ...o, value: 'max' + o.value.slice(model.length) });
        continue;
      }
    }
    out.push(o);
  }
  out.push({ name: 'accel', flag: '-accel', flagIndex: null, value: accel, valueIndex: null });
  return { options: out, notes };
}
