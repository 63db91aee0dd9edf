/**
 * Builds the VM model from an argument list (shell words or the words libvirt
 * would generate). Pure: no I/O, never throws.
 */
import { mapSpan, isUnknown, wholeSpan } from '../mapped';
import type { Span } from '../text';
import type { ShellWord } from '../shell/types';
import type { OptEntry, ParsedOpts, QemuOption } from '../qemu/types';
import { splitOptions, parseOptionArg } from '../qemu/cmdline';
import type { Arch, DeviceDef, ObjectDef, OptionInstance, PropValue, VmModel } from './types';

export interface VmInput {
  readonly origin: 'shell' | 'libvirt';
  readonly binaryName: string;
  readonly binarySpan: Span;
  readonly span: Span;
  readonly args: readonly ShellWord[];
}

/** The target a binary emulates. qemu-kvm and unknown names count as x86_64 only when they say so. */
export function archOf(binaryName: string): Arch {
  const b = binaryName.toLowerCase();
  if (b === 'qemu-kvm' || b.endsWith('x86_64') || b.endsWith('i386')) return 'x86_64';
  if (b.endsWith('aarch64') || b.endsWith('-arm')) return 'aarch64';
  if (b.endsWith('ppc64') || b.endsWith('ppc64le') || b.endsWith('-ppc')) return 'ppc64';
  return 'unknown';
}

function locate(word: ShellWord, e: OptEntry): PropValue {
  const v = word.value;
  const span = mapSpan(v, e.valueFrom, e.valueTo);
  const keySpan = e.implied ? span : mapSpan(v, e.keyFrom, e.keyTo);
  const from = Math.min(e.keyFrom, e.valueFrom);
  const to = Math.max(e.keyTo, e.valueTo);
  return {
    key: e.key,
    raw: e.value,
    span,
    keySpan,
    entrySpan: mapSpan(v, from, to),
    unknown: isUnknown(v, e.valueFrom, e.valueTo),
    entry: e,
  };
}

/** Effective values: last wins; QemuOpts `id` first wins (QEMU's opts_parse_id). */
export function effectiveProps(parsed: ParsedOpts, entries: readonly PropValue[]): Map<string, PropValue> {
  const props = new Map<string, PropValue>();
  for (const p of entries) {
    if (p.key === 'id' && parsed.syntax === 'qemuopts' && props.has('id')) continue;
    props.set(p.key, p);
  }
  return props;
}

export function instantiate(option: QemuOption): OptionInstance {
  return instance(option, undefined);
}

/**
 * One option instance; with `head` ("qom-type" or "driver") also the
 * ObjectDef/DeviceDef fields, in the same object (no copy per instance).
 */
function instance(option: QemuOption, head: 'qom-type' | 'driver' | undefined): OptionInstance & { qomType?: string; driver?: string; id?: string } {
  const arg = option.arg;
  const flagSpan = option.flag.span;
  let parsed: ParsedOpts;
  let entries: PropValue[];
  let props: Map<string, PropValue>;
  let argSpan: Span;
  let span: Span;
  let mapRange: (from: number, to: number) => Span;
  if (!arg) {
    parsed = { syntax: 'qemuopts', entries: [], errors: [] };
    entries = [];
    props = new Map();
    argSpan = span = flagSpan;
    mapRange = () => flagSpan;
  } else {
    parsed = parseOptionArg(option.name, arg.value.text) ?? { syntax: 'qemuopts', entries: [], errors: [] };
    entries = parsed.entries.map((e) => locate(arg, e));
    props = effectiveProps(parsed, entries);
    argSpan = arg.value.text.length ? wholeSpan(arg.value) : arg.span;
    span = { start: Math.min(flagSpan.start, arg.span.start), end: Math.max(flagSpan.end, arg.span.end) };
    const value = arg.value;
    mapRange = (from: number, to: number) => mapSpan(value, from, to);
  }
  if (head === 'qom-type') return { option, parsed, entries, props, argSpan, span, mapRange, qomType: str(props.get('qom-type')), id: str(props.get('id')) };
  if (head === 'driver') return { option, parsed, entries, props, argSpan, span, mapRange, driver: str(props.get('driver')), id: str(props.get('id')) };
  return { option, parsed, entries, props, argSpan, span, mapRange };
}

function merge(instances: readonly OptionInstance[]): Map<string, PropValue> {
  const m = new Map<string, PropValue>();
  for (const inst of instances) for (const [k, v] of inst.props) m.set(k, v);
  return m;
}

function str(p: PropValue | undefined): string | undefined {
  if (!p || p.unknown) return undefined;
  if (p.entry.jsonType && p.entry.jsonType !== 'string') return undefined;
  return p.entry.jsonType === 'string' ? String(p.entry.jsonValue) : p.raw;
}

/**
 * At most this many -object/-device/-machine/-m/-numa options of one
 * invocation are modelled and checked. Far above any real configuration (x86
 * has at most 256 memory slots; a command line is bounded by the kernel's
 * ARG_MAX), it bounds the cost of generated or broken input: 100,000 options
 * would otherwise take seconds on every keystroke. The rule
 * `options-not-checked` tells the user where checking stopped.
 */
export const MAX_MODEL_OPTIONS = 4096;

const MODELLED: ReadonlySet<string> = new Set(['machine', 'm', 'numa', 'object', 'device']);

export function buildVm(input: VmInput): VmModel {
  const split = splitOptions(input.args);
  const machines: OptionInstance[] = [];
  const memories: OptionInstance[] = [];
  const numa: OptionInstance[] = [];
  const objects: ObjectDef[] = [];
  const devices: DeviceDef[] = [];
  const flags = new Set<string>();
  let total = 0;
  let firstLeftOut: Span | undefined;
  for (const option of split.options) {
    flags.add(option.name);
    if (MODELLED.has(option.name) && ++total > MAX_MODEL_OPTIONS) {
      firstLeftOut ??= option.arg ? { start: option.flag.span.start, end: option.arg.span.end } : option.flag.span;
      continue;
    }
    switch (option.name) {
      case 'machine':
        machines.push(instantiate(option));
        break;
      case 'm':
        memories.push(instantiate(option));
        break;
      case 'numa':
        numa.push(instantiate(option));
        break;
      case 'object':
        objects.push(instance(option, 'qom-type'));
        break;
      case 'device':
        devices.push(instance(option, 'driver'));
        break;
      default:
        break;
    }
  }
  return {
    origin: input.origin,
    binaryName: input.binaryName,
    arch: archOf(input.binaryName),
    span: input.span,
    binarySpan: input.binarySpan,
    args: input.args,
    options: split.options,
    machines,
    machineProps: merge(machines),
    memories,
    memoryProps: merge(memories),
    numa,
    objects,
    devices,
    flags,
    ...(firstLeftOut ? { truncated: { limit: MAX_MODEL_OPTIONS, total, span: firstLeftOut } } : {}),
  };
}
