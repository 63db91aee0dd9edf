import type { Rule } from './types';
import { machineFamily, machineInfo, propBool } from '../model/query';
import { versionAtLeast } from '../kb';

const AARCH32_CPUS = /^(cortex-a(7|8|9|15)|cortex-m\d+|cortex-r5f?|arm\d+.*|pxa.*|sa1\d+|ti925t)$/;

/**
 * arm virt: memory devices need the ACPI GED device, which QEMU creates only
 * with UEFI firmware loaded, an AArch64 CPU, ACPI on and virt-4.2 or newer;
 * and not with MTE.
 */
export const rule: Rule = {
  meta: {
    code: 'virt-memory-hotplug',
    severity: 'error',
    category: 'machine',
    title: 'arm virt without the ACPI GED device (or with MTE)',
    upstreamMessage: 'memory hotplug is not enabled: missing acpi-ged device',
  },
  check(ctx) {
    const { vm } = ctx;
    if (machineFamily(vm) !== 'virt') return;
    const info = machineInfo(vm);
    const why: string[] = [];
    const version = info?.aliasOf ?? info?.name ?? 'virt';
    const v = /^virt-(\d+\.\d+)/.exec(version)?.[1];
    if (v && !versionAtLeast(v, '4.2')) why.push(`${version} predates the GED device (virt-4.2)`);
    const firmware = vm.flags.has('bios') || vm.flags.has('pflash') || vm.machineProps.has('firmware') || vm.args.some((a) => /if=pflash/.test(a.value.text));
    if (!firmware) why.push('no UEFI firmware is loaded (-bios QEMU_EFI.fd or a pflash drive)');
    const acpi = vm.machineProps.get('acpi');
    if (vm.flags.has('no-acpi') || propBool(acpi) === false) why.push('ACPI is off');
    const cpuOpt = vm.options.filter((o) => o.name === 'cpu').pop();
    const cpu = cpuOpt?.arg?.value.text.split(',')[0];
    if (!cpu) why.push('the default CPU, cortex-a15, is 32-bit (use -cpu max or another AArch64 CPU)');
    else if (AARCH32_CPUS.test(cpu)) why.push(`-cpu ${cpu} is 32-bit`);
    const mte = propBool(vm.machineProps.get('mte')) === true;
    if (!why.length && !mte) return;
    for (const d of vm.devices) {
      if (d.driver !== 'nvdimm' && d.driver !== 'pc-dimm') continue;
      const upstream = why.length ? 'memory hotplug is not enabled: missing acpi-ged device' : 'memory hotplug is not enabled: MTE is enabled';
      ctx.report({
        span: d.props.get('driver')?.span ?? d.argSpan,
        message: why.length
          ? `QEMU refuses this ${d.driver} on arm virt ("${upstream}"): the ACPI GED device that plugs memory is missing because ${why.join('; ')}.`
          : `QEMU refuses this ${d.driver}: memory devices cannot be used with mte=on ("${upstream}").`,
      });
    }
  },
};
