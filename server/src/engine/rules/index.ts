/** The rule registry: every rule, in the order QEMU checks (roughly): option parsing, backends, -m, then each device's pre-plug checks, then the hazards QEMU never reports. */
import type { Rule } from './types';
import { rule as optionSyntax } from './option-syntax';
import { rule as optionsNotChecked } from './options-not-checked';
import { rule as machineBareFlag } from './machine-bare-flag';
import { rule as shortFormBoolean } from './short-form-boolean';
import { rule as duplicateKey } from './duplicate-key';
import { rule as invalidId } from './invalid-id';
import { rule as duplicateId } from './duplicate-id';
import { rule as unknownDevice } from './unknown-device';
import { rule as unknownObjectType } from './unknown-object-type';
import { rule as unknownProperty } from './unknown-property';
import { rule as readOnlyProperty } from './read-only-property';
import { rule as invalidSize } from './invalid-size';
import { rule as invalidBoolean } from './invalid-boolean';
import { rule as invalidNumber } from './invalid-number';
import { rule as invalidUuid } from './invalid-uuid';
import { rule as nvdimmPersistenceValue } from './nvdimm-persistence-value';
import { rule as requiredProperty } from './required-property';
import { rule as sizeZero } from './size-zero';
import { rule as reservedId } from './reserved-id';
import { rule as invalidAlign } from './invalid-align';
import { rule as preallocNoReserve } from './prealloc-no-reserve';
import { rule as policyHostNodes } from './policy-host-nodes';
import { rule as memPathParentMissing } from './mem-path-parent-missing';
import { rule as backingFileTooSmall } from './backing-file-too-small';
import { rule as readonlyMissingFile } from './readonly-missing-file';
import { rule as maxmemBelowSize } from './maxmem-below-size';
import { rule as slotsWithoutMaxmem } from './slots-without-maxmem';
import { rule as noDeviceMemory } from './no-device-memory';
import { rule as tooManySlots } from './too-many-slots';
import { rule as maxmemUnaligned } from './maxmem-unaligned';
import { rule as pseriesMemoryUnaligned } from './pseries-memory-unaligned';
import { rule as virtioPmemNoBus } from './virtio-pmem-no-bus';
import { rule as virtioPmemPciAddr } from './virtio-pmem-pci-addr';
import { rule as memoryHotplugNoAcpi } from './memory-hotplug-no-acpi';
import { rule as virtMemoryHotplug } from './virt-memory-hotplug';
import { rule as nvdimmNotEnabled } from './nvdimm-not-enabled';
import { rule as pseriesNvdimmUnsupported } from './pseries-nvdimm-unsupported';
import { rule as slotsMissing } from './slots-missing';
import { rule as slotOutOfRange } from './slot-out-of-range';
import { rule as slotBusy } from './slot-busy';
import { rule as noFreeSlots } from './no-free-slots';
import { rule as memdevMissing } from './memdev-missing';
import { rule as memdevUnknown } from './memdev-unknown';
import { rule as memdevNotBackend } from './memdev-not-backend';
import { rule as labelSizeTooSmall } from './label-size-too-small';
import { rule as labelTooLarge } from './label-too-large';
import { rule as pseriesNvdimmLabel } from './pseries-nvdimm-label';
import { rule as pseriesNvdimmSize } from './pseries-nvdimm-size';
import { rule as pseriesNvdimmUuid } from './pseries-nvdimm-uuid';
import { rule as spaprNvdimmBackend } from './spapr-nvdimm-backend';
import { rule as readonlyNeedsUnarmed } from './readonly-needs-unarmed';
import { rule as maxmemMissing } from './maxmem-missing';
import { rule as maxmemTooSmall } from './maxmem-too-small';
import { rule as addrUnaligned } from './addr-unaligned';
import { rule as backendSizeUnaligned } from './backend-size-unaligned';
import { rule as addrOutOfRange } from './addr-out-of-range';
import { rule as addrConflict } from './addr-conflict';
import { rule as memdevBusy } from './memdev-busy';
import { rule as nodeOutOfRange } from './node-out-of-range';
import { rule as shareOff } from './share-off';
import { rule as nvdimmVolatileBackend } from './nvdimm-volatile-backend';
import { rule as discardData } from './discard-data';
import { rule as memPathDirectory } from './mem-path-directory';
import { rule as sharedBackingFile } from './shared-backing-file';
import { rule as nvdimmPersistenceNoop } from './nvdimm-persistence-noop';
import { rule as virtioPmemDaxBackend } from './virtio-pmem-dax-backend';
import { rule as virtioPmemReadonly } from './virtio-pmem-readonly';
import { rule as pmemNonDax } from './pmem-non-dax';
import { rule as backingFileLarger } from './backing-file-larger';
import { rule as memPathSpecial } from './mem-path-special';

export const QEMU_RULES: readonly Rule[] = [
  optionSyntax,
  optionsNotChecked,
  machineBareFlag,
  shortFormBoolean,
  duplicateKey,
  invalidId,
  duplicateId,
  unknownDevice,
  unknownObjectType,
  unknownProperty,
  readOnlyProperty,
  invalidSize,
  invalidBoolean,
  invalidNumber,
  invalidUuid,
  nvdimmPersistenceValue,
  requiredProperty,
  sizeZero,
  reservedId,
  invalidAlign,
  preallocNoReserve,
  policyHostNodes,
  memPathParentMissing,
  backingFileTooSmall,
  readonlyMissingFile,
  maxmemBelowSize,
  slotsWithoutMaxmem,
  noDeviceMemory,
  tooManySlots,
  maxmemUnaligned,
  pseriesMemoryUnaligned,
  virtioPmemNoBus,
  virtioPmemPciAddr,
  memoryHotplugNoAcpi,
  virtMemoryHotplug,
  nvdimmNotEnabled,
  pseriesNvdimmUnsupported,
  slotsMissing,
  slotOutOfRange,
  slotBusy,
  noFreeSlots,
  memdevMissing,
  memdevUnknown,
  memdevNotBackend,
  labelSizeTooSmall,
  labelTooLarge,
  pseriesNvdimmLabel,
  pseriesNvdimmSize,
  pseriesNvdimmUuid,
  spaprNvdimmBackend,
  readonlyNeedsUnarmed,
  maxmemMissing,
  maxmemTooSmall,
  addrUnaligned,
  backendSizeUnaligned,
  addrOutOfRange,
  addrConflict,
  memdevBusy,
  nodeOutOfRange,
  shareOff,
  nvdimmVolatileBackend,
  discardData,
  memPathDirectory,
  sharedBackingFile,
  nvdimmPersistenceNoop,
  virtioPmemDaxBackend,
  virtioPmemReadonly,
  pmemNonDax,
  backingFileLarger,
  memPathSpecial,
];

export function ruleByCode(code: string): Rule | undefined {
  return QEMU_RULES.find((r) => r.meta.code === code);
}
