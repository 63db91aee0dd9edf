import type { Rule } from './types';
import { isNvdimmDriver, machineFamily, propSize } from '../model/query';
import { setProp } from './edits';

/** pseries (PAPR) NVDIMMs must have a label area. */
export const rule: Rule = {
  meta: {
    code: 'pseries-nvdimm-label',
    severity: 'error',
    category: 'nvdimm',
    title: 'pseries NVDIMM without label-size',
    upstreamMessage: 'PAPR requires NVDIMM devices to have label-size set',
  },
  check(ctx) {
    const { vm } = ctx;
    if (machineFamily(vm) !== 'pseries') return;
    for (const d of vm.devices) {
      if (!isNvdimmDriver(d.driver)) continue;
      const p = d.props.get('label-size');
      if (p && (p.unknown || propSize(p) !== 0)) continue;
      const edit = setProp(d, 'label-size', '128K', '131072');
      ctx.report({
        span: p ? p.span : d.props.get('driver')?.span ?? d.argSpan,
        message: `QEMU refuses this NVDIMM on pseries: PAPR needs a label area ("PAPR requires NVDIMM devices to have label-size set"). Add label-size=128K, and make the backend 128K larger so the PMEM part stays a multiple of 256M.`,
        fixes: edit ? [{ title: 'Set label-size=128K', edits: [edit], safe: true }] : [],
      });
    }
  },
};
