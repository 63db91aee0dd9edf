import type { LibvirtRule } from './types';
import { fmtKiB, isPpc64 } from './common';

/**
 * libvirt's QEMU driver aligns memory module sizes before building the
 * command line (qemuDomainAlignMemorySizes): up to 2 MiB on x86 and most
 * architectures, up to 256 MiB on ppc64, and for a pseries nvdimm the guest
 * area (size minus label) down to 256 MiB. The XML keeps the written value;
 * QEMU gets the aligned one.
 */
export function alignedKiB(ppc64: boolean, model: string, kib: bigint, labelKiB: bigint): bigint | undefined {
  if (ppc64 && model === 'nvdimm') {
    const area = kib - labelKiB;
    if (area < 262144n) return undefined; // libvirt-nvdimm-too-small-ppc64
    return (area / 262144n) * 262144n + labelKiB;
  }
  const a = ppc64 ? 262144n : 2048n;
  return ((kib + a - 1n) / a) * a;
}

export const rule: LibvirtRule = {
  meta: {
    code: 'libvirt-size-rounded',
    severity: 'warning',
    category: 'libvirt',
    title: 'Memory device size libvirt rounds before passing it to QEMU',
  },
  check(ctx) {
    const { domain } = ctx;
    const ppc64 = isPpc64(domain);
    for (const dev of domain.memoryDevices) {
      const m = dev.model?.text;
      const size = dev.target?.size;
      if (!m || !size?.kib || !size.number || (m !== 'nvdimm' && m !== 'virtio-pmem' && m !== 'dimm' && m !== 'virtio-mem')) continue;
      const label = m === 'nvdimm' ? dev.target?.label?.size?.kib ?? 0n : 0n;
      if (label >= size.kib) continue;
      const aligned = alignedKiB(ppc64, m, size.kib, label);
      // An exact byte count that is not whole KiB is rounded as well.
      if (aligned === undefined || (aligned === size.kib && size.bytes === size.kib * 1024n)) continue;
      const how = ppc64 && m === 'nvdimm'
        ? 'on pseries the area after the label is rounded down to a multiple of 256 MiB'
        : `sizes are rounded up to a multiple of ${ppc64 ? '256' : '2'} MiB`;
      const file = m === 'nvdimm' || m === 'virtio-pmem' ? ` The backing file must be at least that large, or QEMU grows it (regular file) or fails to start (device DAX).` : '';
      ctx.report({
        span: size.number.span,
        message: `libvirt gives QEMU ${fmtKiB(aligned)} (size=${aligned * 1024n}) for this ${m}, not the ${size.bytes === size.kib * 1024n ? fmtKiB(size.kib) : `${size.bytes} bytes`} written here: ${how}.${file} Write ${fmtKiB(aligned)} to say what the guest gets.`,
        fixes: [{
          title: `Use ${fmtKiB(aligned)}`,
          edits: [
            { span: size.number.span, newText: String(aligned) },
            ...(size.unit ? [{ span: size.unit.span, newText: 'KiB' }] : []),
          ],
          safe: false,
        }],
      });
    }
  },
};
