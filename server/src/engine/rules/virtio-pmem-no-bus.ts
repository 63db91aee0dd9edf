import type { Rule } from './types';

/** Bare virtio-pmem needs a virtio bus; on the command line it is virtio-pmem-pci. */
export const rule: Rule = {
  meta: {
    code: 'virtio-pmem-no-bus',
    severity: 'error',
    category: 'virtio-pmem',
    title: 'virtio-pmem instead of virtio-pmem-pci',
    upstreamMessage: "No 'virtio-bus' bus found for device 'virtio-pmem'",
  },
  check(ctx) {
    if (ctx.vm.arch !== 'x86_64' && ctx.vm.arch !== 'unknown') return;
    for (const d of ctx.vm.devices) {
      if (d.driver !== 'virtio-pmem') continue;
      const p = d.props.get('driver');
      if (!p || p.unknown) continue;
      const json = d.parsed.syntax === 'json';
      ctx.report({
        span: p.span,
        message: `QEMU refuses virtio-pmem here: it is the device that sits on a virtio bus, which nothing provides ("No 'virtio-bus' bus found for device 'virtio-pmem'"). Use virtio-pmem-pci, which brings its own PCI transport.`,
        fixes: [{ title: 'Use virtio-pmem-pci', edits: [{ span: p.span, newText: json ? '"virtio-pmem-pci"' : 'virtio-pmem-pci' }], safe: true }],
      });
    }
  },
};
