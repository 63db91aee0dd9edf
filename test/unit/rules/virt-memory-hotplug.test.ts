import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-aarch64 -M virt,nvdimm=on -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device ⟦nvdimm⟧,id=nv1,memdev=m1";
const GOOD = "qemu-system-aarch64 -M virt,nvdimm=on -cpu max -bios QEMU_EFI.fd -m 1G,slots=2,maxmem=4G -object memory-backend-file,id=m1,share=on,mem-path=/p/a.img,size=1G -device nvdimm,id=nv1,memdev=m1";

test('virt-memory-hotplug: reported at the exact span', () => {
  expectFindings(BAD, 'virt-memory-hotplug');
});

test('virt-memory-hotplug: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'virt-memory-hotplug');
});
