#!/bin/bash
# Mistakes QEMU refuses at start-up. Each line says what qemu-pmem reports.

# nvdimm-not-enabled: no nvdimm=on; slots-missing and maxmem-missing: -m has neither
qemu-system-x86_64 -machine pc -m 4G \
  -object memory-backend-file,id=mem1,share=on,mem-path=/tmp/nv1.img,size=4G \
  -device nvdimm,id=nv1,memdev=mem1,label-size=64K

# machine-bare-flag: keyval takes no bare flags; invalid-size: 256MB
qemu-system-x86_64 -M pc,nvdimm -m 1G,slots=2,maxmem=8G \
  -object memory-backend-file,id=mem2,share=on,mem-path=/tmp/nv2.img,size=256MB \
  -device nvdimm,memdev=mem2

# memdev-unknown, nvdimm-persistence-value, maxmem-too-small, duplicate-id
qemu-system-x86_64 -machine q35,nvdimm=on,nvdimm-persistence=cache \
  -m 2G,slots=2,maxmem=4G \
  -object memory-backend-file,id=big,share=on,mem-path=/tmp/big.img,size=8G \
  -object memory-backend-file,id=big,share=on,mem-path=/tmp/big2.img,size=1G \
  -device nvdimm,id=nv3,memdev=big \
  -device nvdimm,id=nv4,memdev=nope

# readonly-needs-unarmed; memdev-busy; unknown-property (memaddr is virtio-pmem's)
qemu-system-x86_64 -machine pc,nvdimm=on -m 1G,slots=4,maxmem=16G \
  -object memory-backend-file,id=ro,share=on,readonly=on,mem-path=/tmp/ro.img,size=1G \
  -device nvdimm,id=nv5,memdev=ro \
  -device nvdimm,id=nv6,memdev=ro,memaddr=0x200000000
