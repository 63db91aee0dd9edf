import type { Rule } from './types';
import { acpiEnabled, isX86Pc } from '../model/query';

/** x86: NVDIMM and pc-dimm are plugged through ACPI; -no-acpi / acpi=off refuses them. */
export const rule: Rule = {
  meta: {
    code: 'memory-hotplug-no-acpi',
    severity: 'error',
    category: 'machine',
    title: 'NVDIMM or pc-dimm with ACPI switched off',
    upstreamMessage: 'memory hotplug is not enabled: missing acpi device or acpi disabled',
  },
  check(ctx) {
    const { vm } = ctx;
    if (!isX86Pc(vm) || acpiEnabled(vm)) return;
    const acpi = vm.machineProps.get('acpi');
    const noAcpi = vm.options.find((o) => o.name === 'no-acpi');
    const where = noAcpi ? '-no-acpi' : 'acpi=off';
    for (const d of vm.devices) {
      if (d.driver !== 'nvdimm' && d.driver !== 'pc-dimm') continue;
      ctx.report({
        span: d.props.get('driver')?.span ?? d.argSpan,
        message: `QEMU refuses this ${d.driver}: ${where} removes the ACPI device that plugs DIMMs ("memory hotplug is not enabled: missing acpi device or acpi disabled"). Remove ${where}, or use virtio-pmem-pci, which needs no ACPI.`,
        related: [{ span: noAcpi ? noAcpi.flag.span : acpi!.entrySpan, message: 'ACPI switched off here' }],
      });
    }
  },
};
