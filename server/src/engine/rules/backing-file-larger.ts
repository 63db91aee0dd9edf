import type { Rule } from './types';
import { fileBackends } from './common';
import { pmemUsers, propSize } from '../model/query';
import { formatSize } from '../qemu/size';

/** An existing backing file larger than size=: the tail is ignored; an NVDIMM label is not at the file's end. */
export const rule: Rule = {
  meta: {
    code: 'backing-file-larger',
    severity: 'warning',
    category: 'host',
    title: 'Existing backing file larger than size: the tail is ignored',
  },
  check(ctx) {
    const host = ctx.options.host;
    if (!host) return;
    const { vm } = ctx;
    for (const { o, p, path } of fileBackends(ctx.vm)) {
      const size = propSize(o.props.get('size'));
      if (size === undefined || size === 0) continue;
      const st = host.stat(path);
      if (!st || st.kind !== 'file' || st.size <= size) continue;
      const labelled = pmemUsers(vm, o).find((d) => d.driver === 'nvdimm' && d.props.has('label-size'));
      ctx.report({
        span: o.props.get('size')!.span,
        message: `${path} is ${formatSize(st.size)} but size=${formatSize(size)}: QEMU maps only the first ${formatSize(size)}, and the guest never sees the remaining ${formatSize(st.size - size)}${labelled ? `; the NVDIMM label area sits at offset ${formatSize(size)} minus label-size, not at the end of the file, so data written with the full size (or a label) is read from the wrong place` : ''}. QEMU starts without a warning. Use size=${formatSize(st.size)} if the file holds data.`,
        related: [{ span: p.span, message: 'backing file' }],
      });
    }
  },
};
