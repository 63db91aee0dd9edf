import type { Rule } from './types';
import { machineInfo, maxMem, ramSize, slotCount } from '../model/query';

/** isapc and pc-i440fx-2.0 and older have no device memory: slots/maxmem are refused. */
export const rule: Rule = {
  meta: {
    code: 'no-device-memory',
    severity: 'error',
    category: 'machine',
    title: 'Machine type without device memory (no slots/maxmem)',
    upstreamMessage: `"-memory 'slots|maxmem'" is not supported by: isapc`,
  },
  check(ctx) {
    const { vm } = ctx;
    const info = machineInfo(vm);
    if (!info || info.deviceMemory || (info.family !== 'pc' && info.family !== 'isapc' && info.family !== 'q35')) return;
    const slots = slotCount(vm) ?? 0;
    const max = maxMem(vm);
    const ram = ramSize(vm);
    const growing = max !== undefined && ram !== undefined && max > ram;
    if (!slots && !growing) return;
    const p = slots ? vm.memoryProps.get('slots')! : vm.memoryProps.get('maxmem')!;
    const type = vm.machineProps.get('type');
    ctx.report({
      span: p.keySpan,
      message: `QEMU refuses ${slots ? 'slots' : 'maxmem'} on machine ${info.name}: it has no device memory, so it cannot hold NVDIMM, pc-dimm or virtio-pmem ("\\"-memory 'slots|maxmem'\\" is not supported by: ${info.name}"). Use a newer machine type such as pc or q35.`.replace(/\\"/g, '"'),
      related: type ? [{ span: type.span, message: 'machine type' }] : [],
    });
  },
};
