import type { Rule } from './types';
import { propSize } from '../model/query';
import { formatSize } from '../qemu/size';
import { versionAtLeast } from '../kb';
import { hex, fileBackends } from './common';

const PAGE = 4096;

/** An existing, non-empty backing file smaller than size= (rounded up to a page). */
export const rule: Rule = {
  meta: {
    code: 'backing-file-too-small',
    severity: 'error',
    category: 'host',
    title: 'Existing backing file smaller than size',
    upstreamMessage: "backing store size 0x6400000 does not match 'size' option 0x10000000",
  },
  check(ctx) {
    const host = ctx.options.host;
    if (!host) return;
    for (const { o, p, path } of fileBackends(ctx.vm)) {
      const size = propSize(o.props.get('size'));
      if (size === undefined || size === 0) continue;
      const st = host.stat(path);
      if (!st || st.kind !== 'file' || st.size === 0) continue;
      const need = Math.ceil(size / PAGE) * PAGE;
      if (st.size >= need) continue;
      const upstream = versionAtLeast(ctx.options.qemuVersion, '10.0')
        ? `${o.id ?? ''} backing store size ${hex(st.size)} is too small for 'size' option ${hex(need)} plus 'offset' option 0x0`
        : `backing store size ${hex(st.size)} does not match 'size' option ${hex(need)}`;
      ctx.report({
        span: p.span,
        message: `QEMU refuses this backend: ${path} exists and is ${st.size} bytes (${formatSize(st.size)}), smaller than size=${formatSize(size)} ("${upstream}"). QEMU only grows empty or missing files. Use size=${formatSize(st.size)} to keep the data, or enlarge the file (truncate -s ${formatSize(size)} ${path}).`,
        related: [{ span: o.props.get('size')!.span, message: 'size' }],
      });
    }
  },
};
