#!/bin/sh
# Completion playground (fixture of the end-to-end tests): the tests type a
# new -device option on the empty line at the end.
qemu-system-x86_64 \
  -machine pc,accel=tcg,nvdimm=on \
  -m 2G,slots=2,maxmem=8G \
  -object memory-backend-file,id=mem1,share=on,mem-path=/tmp/pmem0.img,size=4G \
  -display none \
  
