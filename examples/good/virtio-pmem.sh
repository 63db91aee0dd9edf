#!/bin/sh
# virtio-pmem: persistent memory for guests on ordinary host storage.
# It needs maxmem, but no slots and no nvdimm=on.
QEMU=${QEMU:-qemu-system-x86_64}

ARGS=(
  -machine q35
  -m 2G,maxmem=10G
  -object memory-backend-file,id=vpmem0,share=on,mem-path=/srv/pmem/vpmem0.img,size=4G
  -device virtio-pmem-pci,id=vp0,memdev=vpmem0
)

exec "$QEMU" "${ARGS[@]}" -nographic
