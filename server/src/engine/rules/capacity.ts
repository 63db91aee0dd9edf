/**
 * Shared arithmetic for the -m rules and their fixes: how much device memory
 * the devices need and what slots/maxmem would hold them.
 */
import type { VmModel } from '../model/types';
import { deviceRegionSize, memoryDevices, ramSize, slotCount } from '../model/query';
import { formatSize } from '../qemu/size';
import { appendProp, insertOption, setProp } from './edits';
import type { TextEdit } from './types';

const GiB = 1024 ** 3;

/** Devices that take a DIMM slot. */
export function slottedDevices(vm: VmModel) {
  return vm.devices.filter((d) => d.driver === 'nvdimm' || d.driver === 'pc-dimm');
}

/** Sum of device-memory region sizes, or undefined when a size is unknown. */
export function deviceMemoryNeeded(vm: VmModel): number | undefined {
  let sum = 0;
  for (const d of memoryDevices(vm)) {
    const s = deviceRegionSize(vm, d);
    if (s === undefined) return undefined;
    sum += s;
  }
  return sum;
}

/** The maxmem to suggest: RAM + devices, rounded up to a whole GiB. */
export function suggestedMaxmem(vm: VmModel): number | undefined {
  const ram = ramSize(vm);
  const need = deviceMemoryNeeded(vm);
  if (ram === undefined || need === undefined) return undefined;
  const max = Math.ceil((ram + need) / GiB) * GiB;
  // With slots QEMU wants maxmem above size even when no device needs room yet.
  return max > ram || !vm.memoryProps.has('slots') ? max : max + GiB;
}

export function suggestedSlots(vm: VmModel): number {
  return Math.max(1, slottedDevices(vm).length, slotCount(vm) ?? 0);
}

/**
 * Edits that give -m the keys it lacks. With no -m at all, one new option
 * carries size, slots and maxmem (identical text from every rule, so fix-all
 * applies it once).
 */
export function memoryEdit(vm: VmModel, key: 'slots' | 'maxmem', value: string): TextEdit | undefined {
  const last = vm.memories[vm.memories.length - 1];
  if (last) return vm.memoryProps.has(key) ? setProp(last, key, value) : appendProp(last, key, value);
  const maxmem = suggestedMaxmem(vm);
  if (maxmem === undefined) return undefined;
  const slots = slottedDevices(vm).length;
  return insertOption(vm, `-m 128M${slots ? `,slots=${slots}` : ''},maxmem=${formatSize(maxmem)}`);
}
