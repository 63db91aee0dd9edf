/**
 * The libvirt rule registry and runner (failures isolated as for QEMU rules).
 * Order follows libvirt's own order of checks on `virsh define` (reference
 * libvirt.md §6): parse (P) → post-parse (PP) → device validation (V) →
 * QEMU driver (Q), then the silent behaviours libvirt does not report.
 */
import type { LibvirtDomain } from './xml/types';
import { MAX_FINDINGS_PER_RULE, snapToCodePoints, type RunOptions } from './rules/run';
import type { Finding } from './rules/types';
import type { Span } from './text';
import type { LibvirtRule } from './rules/libvirt/types';
// Parse time (domain_conf.c)
import { rule as memoryAttributeInvalid } from './rules/libvirt/memory-attribute-invalid';
import { rule as memoryTargetMissing } from './rules/libvirt/memory-target-missing';
import { rule as memorySizeInvalid } from './rules/libvirt/memory-size-invalid';
import { rule as memoryNodeInvalid } from './rules/libvirt/memory-node-invalid';
import { rule as labelTooSmall } from './rules/libvirt/label-too-small';
import { rule as labelTooLarge } from './rules/libvirt/label-too-large';
import { rule as memoryAddressInvalid } from './rules/libvirt/memory-address-invalid';
import { rule as nodemaskInvalid } from './rules/libvirt/nodemask-invalid';
import { rule as nvdimmUuidMalformed } from './rules/libvirt/nvdimm-uuid-malformed';
import { rule as slotsInvalid } from './rules/libvirt/slots-invalid';
// Post-parse (domain_postparse.c)
import { rule as devicesExceedMemory } from './rules/libvirt/devices-exceed-memory';
import { rule as memorySizeMissing } from './rules/libvirt/memory-size-missing';
import { rule as maxmemorySlotsPair } from './rules/libvirt/maxmemory-slots-pair';
import { rule as maxmemoryTooSmall } from './rules/libvirt/maxmemory-too-small';
// Device validation (domain_validate.c)
import { rule as memoryNodeOutOfRange } from './rules/libvirt/memory-node-out-of-range';
import { rule as memoryPathRequired } from './rules/libvirt/memory-path-required';
import { rule as memoryDiscardUnsupported } from './rules/libvirt/memory-discard-unsupported';
import { rule as nvdimmLabelRequired } from './rules/libvirt/nvdimm-label-required';
import { rule as nvdimmUuidUnsupported } from './rules/libvirt/nvdimm-uuid-unsupported';
import { rule as virtioPmemAccessPrivate } from './rules/libvirt/virtio-pmem-access-private';
import { rule as virtioPmemNode } from './rules/libvirt/virtio-pmem-node';
// QEMU driver (qemu_domain.c, qemu_domain_address.c)
import { rule as maxmemoryRequired } from './rules/libvirt/maxmemory-required';
import { rule as numaRequired } from './rules/libvirt/numa-required';
import { rule as memoryNodeRequired } from './rules/libvirt/memory-node-required';
import { rule as memorySlotsExceeded } from './rules/libvirt/memory-slots-exceeded';
import { rule as dimmSlotOutOfRange } from './rules/libvirt/dimm-slot-out-of-range';
import { rule as dimmSlotDuplicate } from './rules/libvirt/dimm-slot-duplicate';
import { rule as dimmBaseDuplicate } from './rules/libvirt/dimm-base-duplicate';
import { rule as virtioPmemAddressType } from './rules/libvirt/virtio-pmem-address-type';
import { rule as nvdimmTooSmallPpc64 } from './rules/libvirt/nvdimm-too-small-ppc64';
// Accepted, but not what the user meant
import { rule as nvdimmPciAddress } from './rules/libvirt/nvdimm-pci-address';
import { rule as ignoredElement } from './rules/libvirt/ignored-element';
import { rule as sizeRounded } from './rules/libvirt/size-rounded';
import { rule as relativePath } from './rules/libvirt/relative-path';
import { rule as nvdimmNoAcpi } from './rules/libvirt/nvdimm-no-acpi';
import { rule as pmemNotShared } from './rules/libvirt/pmem-not-shared';

export const LIBVIRT_RULE_LIST: readonly LibvirtRule[] = [
  memoryAttributeInvalid,
  memoryTargetMissing,
  memorySizeInvalid,
  memoryNodeInvalid,
  labelTooSmall,
  labelTooLarge,
  memoryAddressInvalid,
  nodemaskInvalid,
  nvdimmUuidMalformed,
  slotsInvalid,
  devicesExceedMemory,
  memorySizeMissing,
  maxmemorySlotsPair,
  maxmemoryTooSmall,
  memoryNodeOutOfRange,
  memoryPathRequired,
  memoryDiscardUnsupported,
  nvdimmLabelRequired,
  nvdimmUuidUnsupported,
  virtioPmemAccessPrivate,
  virtioPmemNode,
  maxmemoryRequired,
  numaRequired,
  memoryNodeRequired,
  memorySlotsExceeded,
  dimmSlotOutOfRange,
  dimmSlotDuplicate,
  dimmBaseDuplicate,
  virtioPmemAddressType,
  nvdimmTooSmallPpc64,
  nvdimmPciAddress,
  ignoredElement,
  sizeRounded,
  relativePath,
  nvdimmNoAcpi,
  pmemNotShared,
];

/**
 * QEMU rule codes whose problem a libvirt rule already reports on the XML;
 * on generated arguments they are noise (passthrough <qemu:arg>s still get them).
 */
export const QEMU_CODES_COVERED_BY_LIBVIRT: ReadonlySet<string> = new Set([
  'share-off', // libvirt-pmem-not-shared
  'label-size-too-small', // libvirt-label-too-small
  'label-too-large', // libvirt-label-too-large
  'maxmem-missing', // libvirt-maxmemory-required
  'slots-missing', // libvirt-maxmemory-slots-pair
  'slots-without-maxmem', // libvirt-maxmemory-slots-pair
  'maxmem-too-small', // libvirt-maxmemory-too-small
  'maxmem-below-size', // libvirt-maxmemory-too-small
  'memory-hotplug-no-acpi', // libvirt-nvdimm-no-acpi
  'pseries-nvdimm-uuid', // libvirt generates a UUID for a pseries nvdimm without one (post-parse)
]);

/** QEMU codes a libvirt finding explains when both concern the same device. */
const DEVICE_COVERS: Readonly<Record<string, readonly string[]>> = {
  'libvirt-nvdimm-pci-address': ['addr-unaligned'],
};

/**
 * Whether a QEMU finding on the generated arguments (at `span`, the XML
 * element they came from) is already told by a libvirt rule.
 */
export function coveredByLibvirt(qemuCode: string, span: Span, libvirtFindings: readonly Finding[]): boolean {
  if (QEMU_CODES_COVERED_BY_LIBVIRT.has(qemuCode)) return true;
  return libvirtFindings.some(
    (f) => DEVICE_COVERS[f.code]?.includes(qemuCode) && f.span.start >= span.start && f.span.end <= span.end,
  );
}

/**
 * libvirt rules whose errors mean "QEMU refuses to start what libvirt
 * accepts": `virsh define` succeeds, the domain does not start.
 */
export const QEMU_START_ERROR_CODES: ReadonlySet<string> = new Set(['libvirt-nvdimm-no-acpi', 'libvirt-nvdimm-pci-address']);

/** Whether findings say that libvirt itself (`virsh define`) refuses the domain. */
export function libvirtRefuses(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error' && f.code.startsWith('libvirt-') && !QEMU_START_ERROR_CODES.has(f.code));
}

export function runLibvirtRules(domain: LibvirtDomain, text: string, options: RunOptions): Finding[] {
  const out: Finding[] = [];
  for (const rule of LIBVIRT_RULE_LIST) {
    const code = rule.meta.code;
    if (options.disabled?.has(code)) continue;
    const severity = options.severity?.get(code);
    let count = 0;
    try {
      rule.check({
        domain,
        text,
        options,
        report(f) {
          if (++count > MAX_FINDINGS_PER_RULE) return;
          out.push({ ...f, span: snapToCodePoints(text, f.span), code, severity: severity ?? f.severity ?? rule.meta.severity });
        },
      });
    } catch (e) {
      options.onRuleError?.(code, e);
    }
  }
  return out;
}
