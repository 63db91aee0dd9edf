/**
 * Simulates how QEMU 7.2 plugs the cold-plugged memory devices of an x86
 * pc/q35 machine, in command-line order (hw/mem/pc-dimm.c slot assignment,
 * hw/mem/memory-device.c address assignment). Rules read the problems of the
 * simulation; computing it once per model keeps them consistent.
 */
import type { DeviceDef, PropValue, VmModel } from '../model/types';
import { memoize } from '../memo';
import {
  deviceAddrProp,
  deviceAlign,
  deviceMemoryWindow,
  deviceRegionSize,
  isX86Pc,
  memoryDevices,
  propInt,
  slotCount,
} from '../model/query';

export type PlacementProblem =
  | { kind: 'slot-range'; device: DeviceDef; prop: PropValue; slot: number; slots: number }
  | { kind: 'slot-busy'; device: DeviceDef; prop: PropValue; slot: number; holder: DeviceDef }
  | { kind: 'no-free-slot'; device: DeviceDef; slots: number }
  | { kind: 'addr-unaligned'; device: DeviceDef; prop: PropValue; addr: number; align: number }
  | { kind: 'size-unaligned'; device: DeviceDef; size: number; align: number }
  | { kind: 'addr-range'; device: DeviceDef; prop: PropValue; addr: number; size: number; base: number; windowSize: number }
  | { kind: 'addr-conflict'; device: DeviceDef; prop: PropValue; holder: DeviceDef }
  | { kind: 'fragmented'; device: DeviceDef };

export interface Placement {
  readonly problems: readonly PlacementProblem[];
  /** Where each placed device ended up. */
  readonly placed: ReadonlyMap<DeviceDef, { addr: number; size: number; slot?: number }>;
}

const SLOTTED = new Set(['nvdimm', 'pc-dimm']);

export const placement: (vm: VmModel) => Placement = memoize(simulate);

function simulate(vm: VmModel): Placement {
  const problems: PlacementProblem[] = [];
  const placed = new Map<DeviceDef, { addr: number; size: number; slot?: number }>();
  if (!isX86Pc(vm)) return { problems, placed };
  const slots = slotCount(vm) ?? 0;
  const usedSlots = new Map<number, DeviceDef>();
  // Slots are only ever taken, so the lowest free one never moves down.
  let lowFree = 0;
  // The placed ranges by address (stable: equal addresses in placing order).
  // They never overlap, so their ends are in order too.
  const sorted: { d: DeviceDef; addr: number; size: number }[] = [];
  const win = deviceMemoryWindow(vm);
  for (const d of memoryDevices(vm)) {
    if (d.driver === 'virtio-pmem') continue; // no bus: refused before plugging
    let slot: number | undefined;
    if (SLOTTED.has(d.driver!) && slots > 0) {
      const sp = d.props.get('slot');
      const want = sp ? propInt(sp) : -1;
      if (sp?.unknown || want === undefined) continue;
      if (want !== -1) {
        if (want < 0 || want >= slots) {
          problems.push({ kind: 'slot-range', device: d, prop: sp!, slot: want, slots });
          continue;
        }
        const holder = usedSlots.get(want);
        if (holder) {
          problems.push({ kind: 'slot-busy', device: d, prop: sp!, slot: want, holder });
          continue;
        }
        slot = want;
      } else {
        while (lowFree < slots && usedSlots.has(lowFree)) lowFree++;
        if (lowFree < slots) slot = lowFree;
        if (slot === undefined) {
          problems.push({ kind: 'no-free-slot', device: d, slots });
          continue;
        }
      }
      usedSlots.set(slot, d);
    }
    if (!win) continue;
    const size = deviceRegionSize(vm, d);
    const align = deviceAlign(vm, d);
    if (size === undefined || align === undefined || align <= 0 || size <= 0) continue;
    const ap = deviceAddrProp(d);
    if (ap?.unknown) continue;
    const hint = ap ? propInt(ap) : 0;
    if (hint === undefined) continue;
    if (hint && hint % align !== 0) {
      problems.push({ kind: 'addr-unaligned', device: d, prop: ap!, addr: hint, align });
      continue;
    }
    if (size % align !== 0) {
      problems.push({ kind: 'size-unaligned', device: d, size, align });
      continue;
    }
    const end = win.base + win.size;
    let addr: number;
    if (hint) {
      if (hint < win.base || hint + size > end) {
        problems.push({ kind: 'addr-range', device: d, prop: ap!, addr: hint, size, base: win.base, windowSize: win.size });
        continue;
      }
      // The first range ending after the hint is the only one that can clash first.
      const clash = sorted[firstEndingAfter(sorted, hint)];
      if (clash && clash.addr < hint + size) {
        problems.push({ kind: 'addr-conflict', device: d, prop: ap!, holder: clash.d });
        continue;
      }
      addr = hint;
    } else {
      addr = win.base;
      for (let i = firstEndingAfter(sorted, addr); i < sorted.length; i++) {
        const r = sorted[i]!;
        // Ranges are in address order: none after this one can overlap either.
        if (r.addr >= addr + size) break;
        if (addr < r.addr + r.size) addr = Math.ceil((r.addr + r.size) / align) * align;
      }
      if (addr + size > end) {
        problems.push({ kind: 'fragmented', device: d });
        continue;
      }
    }
    placed.set(d, { addr, size, slot });
    sorted.splice(firstStartingAfter(sorted, addr), 0, { d, addr, size });
  }
  return { problems, placed };
}

/** Index of the first range whose end is past `at` (ranges in order, disjoint). */
function firstEndingAfter(sorted: readonly { addr: number; size: number }[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.addr + sorted[mid]!.size > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index after the last range starting at or before `at`: where a range at `at` goes. */
function firstStartingAfter(sorted: readonly { addr: number }[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.addr > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
