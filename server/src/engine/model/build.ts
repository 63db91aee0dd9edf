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
  const arg = option.arg;
  const flagSpan = option.flag.span;
  if (!arg) {
    const parsed: ParsedOpts = { syntax: 'qemuopts', entries: [], errors: [] };
    return {
      option,
      parsed,
      entries: [],
      props: new Map(),
      argSpan: flagSpan,
      span: flagSpan,
      mapRange: () => flagSpan,
    };
  }
  const parsed: ParsedOpts = parseOptionArg(option.name, arg.value.text) ?? { syntax: 'qemuopts', entries: [], errors: [] };
  const entries = parsed.entries.map((e) => locate(arg, e));
  const argSpan = arg.value.text.length ? wholeSpan(arg.value) : arg.span;
  const start = Math.min(flagSpan.start, arg.span.start);
  const end = Math.max(flagSpan.end, arg.span.end);
  return {
    option,
    parsed,
    entries,
    props: effectiveProps(parsed, entries),
    argSpan,
    span: { start, end },
    mapRange: (from: number, to: number) => mapSpan(arg.value, from, to),
  };
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

export function buildVm(input: VmInput): VmModel {
  const split = splitOptions(input.args);
  const machines: OptionInstance[] = [];
  const memories: OptionInstance[] = [];
  const numa: OptionInstance[] = [];
  const objects: ObjectDef[] = [];
  const devices: DeviceDef[] = [];
  const flags = new Set<string>();
  for (const option of split.options) {
    flags.add(option.name);
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
      case 'object': {
        const inst = instantiate(option);
        objects.push({ ...inst, qomType: str(inst.props.get('qom-type')), id: str(inst.props.get('id')) });
        break;
      }
      case 'device': {
        const inst = instantiate(option);
        devices.push({ ...inst, driver: str(inst.props.get('driver')), id: str(inst.props.get('id')) });
        break;
      }
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
  };
}
