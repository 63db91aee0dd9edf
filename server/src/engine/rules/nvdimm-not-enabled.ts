import type { Rule } from './types';
import { isX86Pc, machineFamily, machineTypeName, propBool } from '../model/query';
import { insertOption, setProp } from './edits';

/** x86 pc/q35 refuse an NVDIMM unless the machine has nvdimm=on. */
export const rule: Rule = {
  meta: {
    code: 'nvdimm-not-enabled',
    severity: 'error',
    category: 'machine',
    title: 'NVDIMM device on a machine without nvdimm=on',
    upstreamMessage: "nvdimm is not enabled: missing 'nvdimm' in '-M'",
  },
  check(ctx) {
    const { vm } = ctx;
    const virt = machineFamily(vm) === 'virt';
    if (!isX86Pc(vm) && !virt) return;
    const nv = vm.machineProps.get('nvdimm');
    if (nv && (nv.unknown || propBool(nv) === true)) return;
    // A bare `nvdimm` flag is reported by machine-bare-flag; QEMU stops there.
    if (nv && nv.entry.bare) return;
    // An unreadable -machine is reported by option-syntax; QEMU stops there, and its keys are unknown.
    if (vm.machines.some((m) => m.parsed.errors.length)) return;
    const last = vm.machines[vm.machines.length - 1];
    for (const d of vm.devices) {
      if (d.driver !== 'nvdimm') continue;
      const edit = last
        ? setProp(last, 'nvdimm', 'on')
        : insertOption(vm, `-machine ${machineTypeName(vm) ?? 'pc'},nvdimm=on`);
      ctx.report({
        span: d.props.get('driver')?.span ?? d.argSpan,
        message: virt
          ? `QEMU refuses this NVDIMM: the virt machine has ${nv ? 'nvdimm=off' : 'no nvdimm=on'} ("nvdimm is not enabled: add 'nvdimm=on' to '-M'"). Add nvdimm=on to -machine.`
          : nv && propBool(nv) === false
            ? "QEMU refuses this NVDIMM: the machine has nvdimm=off (\"nvdimm is not enabled: missing 'nvdimm' in '-M'\"). Set nvdimm=on in -machine."
            : "QEMU refuses this NVDIMM: \"nvdimm is not enabled: missing 'nvdimm' in '-M'\". Add nvdimm=on to -machine.",
        fixes: edit ? [{ title: 'Set nvdimm=on on the machine', edits: [edit], safe: true }] : [],
      });
    }
  },
};
