import type { Rule } from './types';
import { backendOf, propSize, regionAlign } from '../model/query';
import { hex } from './common';

/**
 * QEMU needs size > label-size and ALIGN_DOWN(size - label-size, align) > 0:
 * the backend must hold the label and at least one aligned PMEM block.
 */
export const rule: Rule = {
  meta: {
    code: 'label-too-large',
    severity: 'error',
    category: 'nvdimm',
    title: 'Backend too small for the NVDIMM label and aligned PMEM',
    upstreamMessage:
      'the size of memdev mem1 (0x10000000) is too small to contain nvdimm label (0x10000000) and aligned PMEM (0x1000)',
  },
  check(ctx) {
    const { vm } = ctx;
    for (const d of vm.devices) {
      if (d.driver !== 'nvdimm') continue;
      const lp = d.props.get('label-size');
      const label = lp ? propSize(lp) : 0;
      if (label === undefined || label < 128 * 1024) continue;
      const be = backendOf(vm, d);
      if (!be) continue;
      const size = propSize(be.props.get('size'));
      const align = regionAlign(be);
      if (size === undefined || align === undefined || align <= 0 || size === 0) continue;
      if (size > label && Math.floor((size - label) / align) * align > 0) continue;
      ctx.report({
        span: lp ? lp.span : d.argSpan,
        message: `QEMU refuses this NVDIMM: backend '${be.id}' (${hex(size)} bytes) is too small to contain the ${hex(label)}-byte label and at least one ${hex(align)}-byte aligned block of PMEM ("the size of memdev ${be.id} (${hex(size)}) is too small to contain nvdimm label (${hex(label)}) and aligned PMEM (${hex(align)})"). Make the backend larger or the label smaller.`,
        related: [{ span: be.props.get('size')?.span ?? be.argSpan, message: `size of '${be.id}'` }],
      });
    }
  },
};
