import type { LibvirtRule } from './types';
import { firstChild } from '../../xml/parse';
import { cellsOf, indentUnit, insertAfter, insertChild } from './common';

/** Q3: with guest NUMA, dimm/nvdimm/virtio-mem devices must name their node. */
export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-memory-node-required',
    severity: 'error',
    category: 'libvirt',
    title: 'nvdimm/dimm without <target><node> in a NUMA guest',
    upstreamMessage: 'unsupported configuration: target NUMA node needs to be specified for memory device',
  },
  check(ctx) {
    const { domain, text } = ctx;
    if (!cellsOf(domain).length) return;
    for (const dev of domain.memoryDevices) {
      const m = dev.model?.text;
      if (m !== 'nvdimm' && m !== 'dimm' && m !== 'virtio-mem') continue;
      const t = dev.target;
      if (!t || (t.node && t.node.text !== '')) continue;
      const sizeEl = firstChild(t.element, 'size');
      const nodeEl = firstChild(t.element, 'node');
      const edit = nodeEl
        ? { span: nodeEl.span, newText: '<node>0</node>' }
        : sizeEl
          ? insertAfter(text, sizeEl, ['<node>0</node>'])
          : insertChild(text, t.element, ['<node>0</node>'], indentUnit(text, domain));
      ctx.report({
        span: t.element.nameSpan,
        message: `libvirt refuses this ${m} device: the guest has NUMA nodes, so the device must say which one it belongs to ("unsupported configuration: target NUMA node needs to be specified for memory device"). Add <node>0</node> (or another cell id) to <target>.`,
        fixes: [{ title: 'Add <node>0</node>', edits: [edit], safe: true }],
      });
    }
  },
};
