/** The rule registry: every rule, in the order QEMU would check (roughly). */
import type { Rule } from './types';
import { rule as optionSyntax } from './option-syntax';
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
import { rule as nvdimmPersistenceValue } from './nvdimm-persistence-value';
import { rule as maxmemBelowSize } from './maxmem-below-size';
import { rule as slotsWithoutMaxmem } from './slots-without-maxmem';
import { rule as nvdimmNotEnabled } from './nvdimm-not-enabled';
import { rule as slotsMissing } from './slots-missing';
import { rule as memdevMissing } from './memdev-missing';
import { rule as memdevUnknown } from './memdev-unknown';
import { rule as labelSizeTooSmall } from './label-size-too-small';
import { rule as labelTooLarge } from './label-too-large';
import { rule as readonlyNeedsUnarmed } from './readonly-needs-unarmed';
import { rule as maxmemMissing } from './maxmem-missing';
import { rule as maxmemTooSmall } from './maxmem-too-small';
import { rule as memdevBusy } from './memdev-busy';
import { rule as shareOff } from './share-off';
import { rule as nvdimmVolatileBackend } from './nvdimm-volatile-backend';

export const QEMU_RULES: readonly Rule[] = [
  optionSyntax,
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
  nvdimmPersistenceValue,
  maxmemBelowSize,
  slotsWithoutMaxmem,
  nvdimmNotEnabled,
  slotsMissing,
  memdevMissing,
  memdevUnknown,
  labelSizeTooSmall,
  labelTooLarge,
  readonlyNeedsUnarmed,
  maxmemMissing,
  maxmemTooSmall,
  memdevBusy,
  shareOff,
  nvdimmVolatileBackend,
];

export function ruleByCode(code: string): Rule | undefined {
  return QEMU_RULES.find((r) => r.meta.code === code);
}
