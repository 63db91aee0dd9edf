import type { Rule } from './types';
import { machineFamily, maxMem, ramSize } from '../model/query';
import { formatSize } from '../qemu/size';
import { hex } from './common';

const BLOCK = 256 * 1024 * 1024;

/** pseries: -m size and maxmem must be multiples of 256 MiB. */
export const rule: Rule = {
  meta: {
    code: 'pseries-memory-unaligned',
    severity: 'error',
    category: 'memory',
    title: 'pseries -m size or maxmem not a multiple of 256M',
    upstreamMessage: 'Memory size 0x44c00000 is not aligned to 256 MiB',
  },
  check(ctx) {
    const { vm } = ctx;
    if (machineFamily(vm) !== 'pseries') return;
    const ram = ramSize(vm);
    const max = maxMem(vm);
    const up = (n: number) => formatSize(Math.ceil(n / BLOCK) * BLOCK);
    const sizeP = vm.memoryProps.get('size');
    if (ram !== undefined && ram % BLOCK !== 0 && sizeP) {
      ctx.report({
        span: sizeP.span,
        message: `QEMU refuses -m ${sizeP.raw} on pseries: memory comes in 256M blocks ("Memory size ${hex(ram)} is not aligned to 256 MiB"). Use ${up(ram)}.`,
      });
    }
    const maxP = vm.memoryProps.get('maxmem');
    if (ram !== undefined && max !== undefined && maxP && max % BLOCK !== 0) {
      // QEMU prints ram_size in this message (a bug present in every release).
      ctx.report({
        span: maxP.span,
        message: `QEMU refuses maxmem=${maxP.raw} on pseries: it must be a multiple of 256M ("Maximum memory size ${hex(ram)} is not aligned to 256 MiB" — QEMU prints the RAM size here). Use maxmem=${up(max)}.`,
      });
    }
  },
};
