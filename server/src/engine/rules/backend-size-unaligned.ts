import type { Rule } from './types';
import { placement } from './placement';
import { formatSize } from '../qemu/size';
import { hex } from './common';
import { backendOf } from '../model/query';

/** virtio-pmem (and pc-dimm) need a backend size that is a multiple of its alignment. */
export const rule: Rule = {
  meta: {
    code: 'backend-size-unaligned',
    severity: 'error',
    category: 'virtio-pmem',
    title: 'Backend size not a multiple of its page size / alignment',
    upstreamMessage: 'backend memory size must be multiple of 0x1000',
  },
  check(ctx) {
    const { vm } = ctx;
    for (const p of placement(vm).problems) {
      if (p.kind !== 'size-unaligned') continue;
      const be = backendOf(vm, p.device);
      const up = Math.ceil(p.size / p.align) * p.align;
      ctx.report({
        span: p.device.props.get('driver')?.span ?? p.device.argSpan,
        message: `QEMU refuses this ${p.device.driver}: backend '${be?.id}' is ${p.size} bytes, not a multiple of its alignment ${hex(p.align)} ("backend memory size must be multiple of ${hex(p.align)}"). Use size=${formatSize(up)}.`,
        related: be ? [{ span: be.props.get('size')?.span ?? be.argSpan, message: 'backend size' }] : [],
      });
    }
  },
};
