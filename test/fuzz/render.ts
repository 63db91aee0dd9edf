/**
 * A small renderer for the round-trip property: a VM model back to a shell
 * command line. Only what the model holds is used (option names, syntax,
 * entries' keys and decoded values), never the original source text.
 */
import type { OptEntry, ParsedOpts } from '../../server/src/engine/qemu/types';
import type { VmModel } from '../../server/src/engine/model/types';
import { shellQuote } from './harness';

/** ",," for every comma in a QemuOpts/keyval value. */
function escapeValue(v: string): string {
  return v.replace(/,/g, ',,');
}

function renderEntry(e: OptEntry): string {
  if (e.implied) return escapeValue(e.value);
  if (e.bare) return e.bare === 'off' ? `no${e.key}` : e.key;
  return `${e.key}=${escapeValue(e.value)}`;
}

/** One option argument from its parsed entries. */
export function renderArg(parsed: ParsedOpts): string {
  if (parsed.syntax === 'json') {
    // Strings are decoded in `value`; other JSON values are kept as JSON text.
    return `{${parsed.entries.map((e) => `${JSON.stringify(e.key)}:${e.jsonType === 'string' ? JSON.stringify(e.value) : e.value}`).join(',')}}`;
  }
  return parsed.entries.map(renderEntry).join(',');
}

/** The model's options as argv (flags canonical: "-machine", "-object", ...). */
export function renderArgv(vm: VmModel): string[] {
  const out: string[] = [];
  const instances = new Map<unknown, ParsedOpts>();
  for (const i of [...vm.machines, ...vm.memories, ...vm.numa, ...vm.objects, ...vm.devices]) instances.set(i.option, i.parsed);
  for (const o of vm.options) {
    out.push(`-${o.name}`);
    const parsed = instances.get(o);
    if (parsed) out.push(renderArg(parsed));
    else if (o.arg) out.push(o.arg.value.text);
  }
  return out;
}

/** A one-line shell script running the model's binary with the rendered argv. */
export function renderScript(vm: VmModel): string {
  return `${vm.binaryName} ${renderArgv(vm).map(shellQuote).join(' ')}\n`;
}

/** What a model says, for comparison: option names and each instance's entries. */
export function modelSummary(vm: VmModel): unknown {
  const inst = (i: { option: { name: string }; parsed: ParsedOpts }) => ({
    option: i.option.name,
    syntax: i.parsed.syntax,
    entries: i.parsed.entries.map((e) => [e.key, e.value, e.implied, e.bare ?? null]),
    errors: i.parsed.errors.length,
  });
  return {
    binary: vm.binaryName,
    options: vm.options.map((o) => [o.name, o.known]),
    machines: vm.machines.map(inst),
    memories: vm.memories.map(inst),
    numa: vm.numa.map(inst),
    objects: vm.objects.map((o) => ({ ...inst(o), id: o.id ?? null, type: o.qomType ?? null })),
    devices: vm.devices.map((d) => ({ ...inst(d), id: d.id ?? null, driver: d.driver ?? null })),
  };
}
