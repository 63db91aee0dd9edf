/**
 * Hover: documentation of the key, device, backend or option under the
 * cursor; exact bytes for sizes; the backend a memdev points at.
 */
import { thousands } from '../format';
import type { DocumentAnalysis } from '../analyze';
import { vmAt } from '../analyze';
import { getMachineType } from '../kb';
import { isSynthetic } from '../mapped';
import { cliOption } from '../qemu/cli-options';
import { parseSize, formatSize } from '../qemu/size';
import type { OptionInstance, PropValue, VmModel } from '../model/types';
import { deviceRegionSize, objectsById, propString } from '../model/query';
import { allInstances, typeInfoFor } from '../rules/common';
import type { Span } from '../text';
import { propertyDoc, typeDoc } from './docs';
import { hoverLibvirt } from './libvirt-hover';

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

function within(s: Span, o: number): boolean {
  return o >= s.start && o <= s.end;
}

export function hover(a: DocumentAnalysis, offset: number): HoverResult | undefined {
  const vm = vmAt(a, offset);
  if (!vm) return a.libvirt ? libvirtHover(a, offset) : undefined;
  for (const inst of allInstances(vm)) {
    if (inst.option.arg && isSynthetic(inst.option.arg.value)) continue;
    for (const p of inst.entries) {
      if (!p.entry.implied && within(p.keySpan, offset) && p.keySpan.end > p.keySpan.start) return keyHover(vm, inst, p, p.keySpan);
      if (within(p.span, offset) && p.span.end > p.span.start) return valueHover(vm, inst, p);
    }
  }
  for (const opt of vm.options) {
    if (isSynthetic(opt.flag.value)) continue;
    if (within(opt.flag.span, offset)) {
      const info = cliOption(opt.name);
      if (info?.doc) return { markdown: `**-${opt.name}**${info.hasArg ? ' *arg*' : ''}\n\n${info.doc}`, span: opt.flag.span };
      return undefined;
    }
  }
  return a.libvirt ? libvirtHover(a, offset) : undefined;
}

function keyHover(vm: VmModel, inst: OptionInstance, p: PropValue, span: Span): HoverResult | undefined {
  const info = typeInfoFor(vm, inst);
  const prop = info?.properties.find((q) => q.name === p.key);
  if (!info || !prop) return undefined;
  return { markdown: propertyDoc(info, prop), span };
}

function valueHover(vm: VmModel, inst: OptionInstance, p: PropValue): HoverResult | undefined {
  const info = typeInfoFor(vm, inst);
  if (p.entry.implied) {
    if (inst.option.name === 'machine') {
      const m = getMachineType(p.raw);
      if (m) return { markdown: `**${m.name}** — machine (${m.family}, ${m.target})\n\n${m.doc}`, span: p.span };
    }
    if (info && (inst.option.name === 'device' || inst.option.name === 'object')) return { markdown: typeDoc(info), span: p.span };
  }
  if (p.key === 'memdev') {
    const id = propString(p);
    const be = id !== undefined ? objectsById(vm).get(id) : undefined;
    if (!be) return { markdown: `memdev \`${p.raw}\`: no -object has this id.`, span: p.span };
    const lines = [`**${be.qomType ?? '?'}** \`${be.id}\``, ''];
    for (const e of be.entries) if (e.key !== 'qom-type' && e.key !== 'id') lines.push(`- ${e.key} = \`${e.entry.bare ? e.entry.bare : e.raw}\``);
    const dev = vm.devices.find((d) => d === inst);
    if (dev) {
      const region = deviceRegionSize(vm, dev);
      if (region !== undefined) lines.push('', `Guest sees ${formatSize(region)} (${region} bytes) of ${dev.driver === 'nvdimm' ? 'PMEM (backend size minus label, aligned down)' : 'device memory'}.`);
    }
    return { markdown: lines.join('\n'), span: p.span };
  }
  const prop = info?.properties.find((q) => q.name === p.key);
  if (prop?.type === 'size' && !p.unknown) {
    const defaultUnit = inst.option.name === 'm' && p.key === 'size' ? 'M' : 'B';
    const r = inst.parsed.syntax === 'json' ? undefined : parseSize(p.raw, { defaultUnit, key: p.key });
    const bytes = r?.ok ? r.bytes : p.entry.jsonType === 'number' ? Number(p.raw) : undefined;
    if (bytes !== undefined && Number.isFinite(bytes)) {
      const unitNote = defaultUnit === 'M' && /^\d+$/.test(p.raw.trim()) ? ' (no suffix: MiB)' : p.key === 'maxmem' && /^\d+$/.test(p.raw.trim()) ? ' (no suffix: bytes)' : '';
      return {
        markdown: `\`${p.raw}\` = **${thousands(bytes)} bytes** (0x${bytes.toString(16)}, ${formatSize(bytes)})${unitNote}\n\n---\n\n${info ? propertyDoc(info, prop) : ''}`,
        span: p.span,
      };
    }
  }
  if (info && prop) return { markdown: propertyDoc(info, prop), span: p.span };
  return undefined;
}

/** Over a libvirt <memory> device's start tag: the QEMU arguments libvirt generates for it. */
function libvirtHover(a: DocumentAnalysis, offset: number): HoverResult | undefined {
  return generatedArgsHover(a, offset) ?? hoverLibvirt(a, offset);
}

function generatedArgsHover(a: DocumentAnalysis, offset: number): HoverResult | undefined {
  const lv = a.libvirt;
  if (!lv?.domain || !lv.generated) return undefined;
  for (const dev of lv.domain.memoryDevices) {
    const tag = dev.element.startTagSpan;
    if (!within(tag, offset)) continue;
    const el = dev.element.span;
    const words = lv.generated.words.filter((w) => w.span.start === el.start && w.span.end === el.end).map((w) => w.value.text);
    if (!words.length) return undefined;
    const lines: string[] = [];
    for (let i = 0; i < words.length; i += 2) lines.push(`${words[i]} ${words[i + 1] ?? ''}`.trimEnd());
    return {
      markdown: `**QEMU arguments libvirt generates for this device**\n\n\`\`\`sh\n${lines.join(' \\\n')}\n\`\`\``,
      span: tag,
    };
  }
  return undefined;
}
