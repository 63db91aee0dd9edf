#!/bin/bash
# A guest with one 16 GiB NVDIMM (with a label area) backed by a file that
# guest writes reach (share=on).
set -euo pipefail

IMG=/var/lib/pmem/guest0.img

qemu-system-x86_64 \
  -machine pc,accel=kvm,nvdimm=on \
  -m 4G,slots=4,maxmem=32G \
  -smp 4 \
  -object memory-backend-file,id=mem1,share=on,mem-path=$IMG,size=16G \
  -device nvdimm,id=nvdimm1,memdev=mem1,label-size=128K \
  -drive file=/var/lib/images/guest0.qcow2,if=virtio \
  -nographic
