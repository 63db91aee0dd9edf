import type { Rule } from './types';
import { formatSize } from '../qemu/size';
import { memoryEdit, suggestedMaxmem } from './capacity';

/** -m slots=N without maxmem is refused even when no device uses a slot. */
export const rule: Rule = {
  meta: {
    code: 'slots-without-maxmem',
    severity: 'error',
    category: 'memory',
    title: '-m slots without maxmem',
    upstreamMessage: 'slots specified but no max-size',
  },
  check(ctx) {
    const { vm } = ctx;
    const slots = vm.memoryProps.get('slots');
    if (!slots || vm.memoryProps.has('maxmem')) return;
    const max = suggestedMaxmem(vm);
    const edit = max !== undefined ? memoryEdit(vm, 'maxmem', formatSize(max)) : undefined;
    ctx.report({
      span: slots.keySpan,
      message: `QEMU refuses -m with slots but no maxmem ("slots specified but no max-size"). Add maxmem=${max !== undefined ? formatSize(max) : '<RAM + device sizes>'}: the RAM plus every memory device.`,
      fixes: edit && max !== undefined ? [{ title: `Add maxmem=${formatSize(max)}`, edits: [edit], safe: true }] : [],
    });
  },
};
