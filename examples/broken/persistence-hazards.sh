#!/bin/bash
# QEMU starts all of these, and the guest silently loses data.

# share-off: share defaults to off, so guest writes never reach the file
NV_OPTS="-object memory-backend-file,id=pm0,mem-path=/var/lib/pmem/data.img,size=8G -device nvdimm,id=nv0,memdev=pm0"
qemu-system-x86_64 -machine pc,nvdimm=on -m 2G,slots=2,maxmem=16G $NV_OPTS

# nvdimm-volatile-backend: a RAM backend forgets everything at exit;
# short-form-boolean: "share" alone is deprecated
qemu-system-x86_64 -machine pc,nvdimm=on -m 2G,slots=2,maxmem=16G \
  -object memory-backend-ram,id=ram0,share,size=4G \
  -device nvdimm,id=nv1,memdev=ram0
