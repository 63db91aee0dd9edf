import type { LibvirtRule } from './types';
import { firstChild } from '../../xml/parse';

/** P2: every <memory> device needs <target> with a <size>. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-target-missing',
    severity: 'error',
    category: 'libvirt',
    title: '<memory> device without <target> or without <target><size>',
    upstreamMessage: 'XML error: missing <target> element for <memory> device',
  },
  check(ctx) {
    for (const dev of ctx.domain.memoryDevices) {
      const t = dev.target;
      if (!t) {
        ctx.report({
          span: dev.element.nameSpan,
          message: `libvirt refuses this <memory> device: it has no <target> ("XML error: missing <target> element for <memory> device"). Add <target><size unit='MiB'>...</size></target>.`,
        });
        continue;
      }
      // An empty <size></size> counts as missing (virDomainParseMemory, required).
      if (!firstChild(t.element, 'size') || !t.size?.number) {
        ctx.report({
          span: t.element.nameSpan,
          message: `libvirt refuses this <memory> device: its <target> has no size ("XML error: missing element or attribute './size'"). Add <size unit='MiB'>...</size> inside <target>.`,
        });
      }
    }
  },
};
