#!/bin/sh
# Launch script broken on purpose (fixture of the end-to-end tests):
# the machine does not enable NVDIMM support, and the label area of the
# NVDIMM is below QEMU's 128 KiB minimum.
qemu-system-x86_64 \
  -machine pc,accel=tcg \
  -m 2G,slots=2,maxmem=8G \
  -object memory-backend-file,id=mem1,share=on,mem-path=/tmp/pmem0.img,size=4G \
  -device nvdimm,id=nvdimm1,memdev=mem1,label-size=64K \
  -display none
