import type { LibvirtRule } from './types';
import { firstChild } from '../../xml/parse';
import { indentUnit, insertAfter, insertBefore, insertChild, isX86 } from './common';

/** The message for an nvdimm or a dimm. */
const MESSAGE = (model: string): string =>
  `QEMU will refuse to start this ${model}: without <features><acpi/>, libvirt starts QEMU with -no-acpi, and QEMU plugs ${model === 'nvdimm' ? 'NVDIMMs' : 'DIMMs'} only through ACPI ("memory hotplug is not enabled: missing acpi device or acpi disabled")${model === 'nvdimm' ? '; x86 guests also find NVDIMMs only in the ACPI NFIT table' : ''}. virsh define accepts the domain without a word. Add <acpi/> to <features>.`;

/**
 * libvirt accepts an nvdimm (or dimm) without <features><acpi/> and starts
 * QEMU with -no-acpi; QEMU then refuses the device ("memory hotplug is not
 * enabled: missing acpi device or acpi disabled", checked with QEMU 7.2),
 * and without ACPI an x86 guest would have no NFIT table to find an NVDIMM in.
 * `virsh define` succeeds: the domain just never starts.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-nvdimm-no-acpi',
    severity: 'error',
    category: 'libvirt',
    title: 'x86 nvdimm/dimm without <features><acpi/>: QEMU refuses to start',
    upstreamMessage: 'memory hotplug is not enabled: missing acpi device or acpi disabled',
  },
  check(ctx) {
    const { domain, text } = ctx;
    if (!isX86(domain) || domain.features?.acpi) return;
    const devs = domain.memoryDevices.filter((d) => d.model?.text === 'nvdimm' || d.model?.text === 'dimm');
    if (!devs.length) return;
    const unit = indentUnit(text, domain);
    let edit;
    if (domain.features) edit = insertChild(text, domain.features.element, ['<acpi/>'], unit, true);
    else {
      const lines = ['<features>', `${unit}<acpi/>`, '</features>'];
      const os = firstChild(domain.element, 'os');
      const cpu = firstChild(domain.element, 'cpu');
      edit = os ? insertAfter(text, os, lines) : cpu ? insertBefore(text, cpu, lines) : insertChild(text, domain.element, lines, unit);
    }
    // One message per model (every nvdimm, every dimm reads the same).
    const messages = new Map<string, string>();
    const messageFor = (model: string): string => {
      let m = messages.get(model);
      if (m === undefined) {
        m = MESSAGE(model);
        messages.set(model, m);
      }
      return m;
    };
    for (const d of devs) {
      ctx.report({
        span: d.model!.span,
        message: messageFor(d.model!.text),
        fixes: [{ title: 'Add <features><acpi/>', edits: [edit], safe: true }],
      });
    }
  },
};
