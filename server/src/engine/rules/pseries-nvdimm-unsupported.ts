import type { Rule } from './types';
import { isNvdimmDriver, machineFamily, machineInfo, propBool } from '../model/query';

/** pseries: NVDIMM needs pseries-5.0 or newer, and nvdimm=off (the default is on) refuses it. */
export const rule: Rule = {
  meta: {
    code: 'pseries-nvdimm-unsupported',
    severity: 'error',
    category: 'machine',
    title: 'pseries machine without NVDIMM support (older than 5.0, or nvdimm=off)',
    upstreamMessage: 'NVDIMM hotplug not supported for this machine',
  },
  check(ctx) {
    const { vm } = ctx;
    if (machineFamily(vm) !== 'pseries') return;
    const info = machineInfo(vm);
    const nv = vm.machineProps.get('nvdimm');
    const old = info !== undefined && !info.nvdimmProperty;
    const off = !old && propBool(nv) === false;
    if (!old && !off) return;
    for (const d of vm.devices) {
      if (!isNvdimmDriver(d.driver)) continue;
      ctx.report({
        span: d.props.get('driver')?.span ?? d.argSpan,
        message: old
          ? `QEMU refuses NVDIMMs on ${info!.name} ("NVDIMM hotplug not supported for this machine"): PAPR NVDIMM support starts with pseries-5.0. Use a newer machine type.`
          : `QEMU refuses this NVDIMM: the machine has nvdimm=off ("nvdimm device found but 'nvdimm=off' was set"). On pseries NVDIMM support is on by default: remove nvdimm=off.`,
        related: off && nv ? [{ span: nv.entrySpan, message: 'nvdimm=off' }] : [],
      });
    }
  },
};
