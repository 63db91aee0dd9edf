import type { LibvirtRule } from './types';
import { firstChild } from '../../xml/parse';
import { indentUnit, insertAfter, insertBefore, insertChild, isX86 } from './common';

/**
 * libvirt accepts an nvdimm without <features><acpi/> and starts QEMU with
 * -no-acpi; an x86 guest then has no NFIT table and never sees the NVDIMM.
 */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-nvdimm-no-acpi',
    severity: 'warning',
    category: 'libvirt',
    title: 'x86 nvdimm without <features><acpi/>: the guest cannot see it',
  },
  check(ctx) {
    const { domain, text } = ctx;
    if (!isX86(domain) || domain.features?.acpi) return;
    const nv = domain.memoryDevices.find((d) => d.model?.text === 'nvdimm');
    if (!nv) return;
    const unit = indentUnit(text, domain);
    let edit;
    if (domain.features) edit = insertChild(text, domain.features.element, ['<acpi/>'], unit, true);
    else {
      const lines = ['<features>', `${unit}<acpi/>`, '</features>'];
      const os = firstChild(domain.element, 'os');
      const cpu = firstChild(domain.element, 'cpu');
      edit = os ? insertAfter(text, os, lines) : cpu ? insertBefore(text, cpu, lines) : insertChild(text, domain.element, lines, unit);
    }
    ctx.report({
      span: nv.model!.span,
      message: `The guest will not see this NVDIMM: without <features><acpi/>, libvirt starts QEMU with -no-acpi, and x86 guests find NVDIMMs only through the ACPI NFIT table. libvirt does not warn. Add <acpi/> to <features>.`,
      fixes: [{ title: 'Add <features><acpi/>', edits: [edit], safe: true }],
    });
  },
};
