import type { Rule } from './types';
import { isNvdimmDriver, machineFamily, propString } from '../model/query';

/** pseries NVDIMMs need a non-zero uuid. */
export const rule: Rule = {
  meta: {
    code: 'pseries-nvdimm-uuid',
    severity: 'error',
    category: 'nvdimm',
    title: 'pseries NVDIMM without uuid',
    upstreamMessage: 'NVDIMM device requires the uuid to be set',
  },
  check(ctx) {
    const { vm } = ctx;
    if (machineFamily(vm) !== 'pseries') return;
    for (const d of vm.devices) {
      if (!isNvdimmDriver(d.driver)) continue;
      const p = d.props.get('uuid');
      if (p?.unknown) continue;
      const v = propString(p);
      if (v !== undefined && !/^[0-]+$/.test(v)) continue;
      ctx.report({
        span: p ? p.span : d.props.get('driver')?.span ?? d.argSpan,
        message: `QEMU refuses this NVDIMM on pseries: PAPR identifies NVDIMMs by uuid, and it is ${p ? 'all zeros' : 'not set'} ("NVDIMM device requires the uuid to be set"). Add uuid=<output of uuidgen>, and keep it stable across boots.`,
      });
    }
  },
};
