import type { Rule } from './types';
import type { OptionInstance, PropValue, VmModel } from '../model/types';
import type { TypeInfo } from '../kb/types';
import { availableIn, getDevice, propertiesByName } from '../kb';
import { memoize } from '../memo';
import { machineTypeName } from '../model/query';
import { UNIVERSAL_KEYS, allInstances, typeInfoFor } from './common';
import { closest } from './suggest';

/** QEMU's wording for an unknown key, which depends on the option and its syntax. */
function upstream(vm: VmModel, inst: OptionInstance, info: TypeInfo, key: string): string {
  switch (inst.option.name) {
    case 'device':
      return `Property '${info.name}.${key}' not found`;
    case 'machine': {
      const t = machineTypeName(vm) ?? 'pc';
      const full = t === 'pc' ? 'pc-i440fx-7.2' : t === 'q35' ? 'pc-q35-7.2' : t;
      return `Property '${full}-machine.${key}' not found`;
    }
    default:
      return inst.parsed.syntax === 'json' ? `Parameter '${key}' is unexpected` : `Invalid parameter '${key}'`;
  }
}

/**
 * Per type (the kb's TypeInfo objects live as long as the process) and QEMU
 * version: the property names that version has and the "did you mean"
 * answer per unknown key. Built once instead of once per instance and key (a
 * generated file repeats the same device and the same typo thousands of
 * times). Only names the version has: suggesting `rom` (QEMU 8.2) for `ro`
 * under QEMU 7.2 would trade one refused key for another.
 */
const guessesOf = memoize((_info: TypeInfo) => new Map<string, { readonly list: readonly string[]; readonly guesses: Map<string, string | undefined> }>());

function closestName(info: TypeInfo, key: string, version: string): string | undefined {
  const byVersion = guessesOf(info);
  let c = byVersion.get(version);
  if (!c) {
    c = { list: [...propertiesByName(info).values()].filter((p) => availableIn(p, version)).map((p) => p.name), guesses: new Map() };
    byVersion.set(version, c);
  }
  if (c.guesses.has(key)) return c.guesses.get(key);
  const g = closest(key, c.list);
  // Bounded: pathological input can hold any number of distinct keys.
  if (c.guesses.size < 4096) c.guesses.set(key, g);
  return g;
}

/** Keys the option's type does not have (only for types whose property list is complete). */
export const rule: Rule = {
  meta: {
    code: 'unknown-property',
    severity: 'error',
    category: 'syntax',
    title: 'Unknown property for this device, backend, machine or -m',
    upstreamMessage: "Property 'nvdimm.memaddr' not found",
  },
  check(ctx) {
    const { vm } = ctx;
    for (const inst of allInstances(vm)) {
      const info = typeInfoFor(vm, inst);
      if (!info || !info.complete) continue;
      const universal = UNIVERSAL_KEYS[inst.option.name] ?? new Set<string>();
      const names = propertiesByName(info);
      inst.entries.forEach((p, i) => {
        if (universal.has(p.key)) return;
        const known = names.get(p.key);
        if (known && availableIn(known, ctx.options.qemuVersion)) return;
        if (known && known.since) {
          ctx.report({
            span: p.keySpan,
            message: `QEMU ${ctx.options.qemuVersion} has no ${p.key} on ${info.name} ("${upstream(vm, inst, info, p.key)}"): it was added in QEMU ${known.since}. Remove it, or set qemuPmem.qemuVersion if you run a newer QEMU.`,
          });
          return;
        }
        report(inst, info, p, i);
      });
    }

    function report(inst: OptionInstance, info: TypeInfo, p: PropValue, index: number) {
      const msg = upstream(vm, inst, info, p.key);
      const prev = inst.entries[index - 1];
      // `mem-path=/a,b/x.img`: the unescaped comma made "b/x.img" a bare flag.
      // (Not after a bare flag or for an empty key: escaping would only glue two unknown flags together.)
      if (p.entry.bare && p.key !== '' && prev && !prev.entry.bare && prev.entry.valueTo + 1 === p.entry.keyFrom && (prev.key === 'mem-path' || !/^[a-z][a-z0-9-]*$/.test(p.key))) {
        const comma = inst.mapRange(prev.entry.valueTo, prev.entry.valueTo + 1);
        ctx.report({
          span: p.keySpan,
          message: `QEMU reads "${p.key}" as a separate option ("${msg}"): the comma before it ends the ${prev.key} value. Write ",," for a comma inside a value.`,
          fixes: [{ title: 'Escape the comma as ",,"', edits: [{ span: comma, newText: ',,' }], safe: true }],
        });
        return;
      }
      let hint = '';
      if (info.name === 'nvdimm' && p.key === 'memaddr') hint = ' memaddr belongs to virtio-pmem-pci; an NVDIMM takes addr=.';
      else if (info.name === 'virtio-pmem-pci' && ['label-size', 'node', 'slot', 'unarmed', 'uuid'].includes(p.key))
        hint = ` virtio-pmem has no ${p.key}; that is an nvdimm property.`;
      else if (inst.option.name === 'device' && getDevice('nvdimm')?.properties.some((q) => q.name === p.key) && info.name !== 'nvdimm')
        hint = ` ${p.key} is an nvdimm property.`;
      const guess = hint ? undefined : closestName(info, p.key, ctx.options.qemuVersion);
      ctx.report({
        span: p.keySpan,
        message: `QEMU refuses ${p.key} on ${info.name} ("${msg}").${hint}${guess ? ` Did you mean ${guess}?` : ''}`,
        fixes: guess && !p.entry.implied ? [{ title: `Change to ${guess}`, edits: [{ span: p.keySpan, newText: guess }], safe: false }] : [],
      });
    }
  },
};
