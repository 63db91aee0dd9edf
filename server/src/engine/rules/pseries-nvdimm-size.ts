import type { Rule } from './types';
import { backendOf, deviceRegionSize, isNvdimmDriver, machineFamily, propSize } from '../model/query';
import { formatSize } from '../qemu/size';

const BLOCK = 256 * 1024 * 1024;

/** pseries: the PMEM part (backend size minus label) must be a multiple of 256 MiB. */
export const rule: Rule = {
  meta: {
    code: 'pseries-nvdimm-size',
    severity: 'error',
    category: 'nvdimm',
    title: 'pseries NVDIMM size (without label) not a multiple of 256M',
    upstreamMessage: 'PAPR requires NVDIMM memory size (excluding label) to be a multiple of 256MB',
  },
  check(ctx) {
    const { vm } = ctx;
    if (machineFamily(vm) !== 'pseries') return;
    for (const d of vm.devices) {
      if (!isNvdimmDriver(d.driver) || !d.props.has('label-size')) continue;
      const size = deviceRegionSize(vm, d);
      const be = backendOf(vm, d);
      if (size === undefined || !be || size % BLOCK === 0 || size === 0) continue;
      const label = propSize(d.props.get('label-size')) ?? 0;
      const want = Math.max(1, Math.round(size / BLOCK)) * BLOCK + label;
      ctx.report({
        span: be.props.get('size')?.span ?? d.argSpan,
        message: `QEMU refuses this NVDIMM on pseries: its PMEM part is ${formatSize(size)} (backend size minus label-size), not a multiple of 256M ("PAPR requires NVDIMM memory size (excluding label) to be a multiple of 256MB"). Use size=${want} (${formatSize(want - label)} + ${formatSize(label)} label).`,
        related: [{ span: d.props.get('driver')?.span ?? d.argSpan, message: 'the NVDIMM' }],
      });
    }
  },
};
