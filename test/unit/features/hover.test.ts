import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hover } from '../../../server/src/engine/features/hover';
import { parseMarkers, run } from '../fixture';

function hoverAt(marked: string, fileName = 'x.sh') {
  const m = parseMarkers(marked);
  return hover(run(m.text, { fileName }), m.cursor!);
}

test('hover on a property key shows its doc, type, default and since-version', () => {
  const h = hoverAt('qemu-system-x86_64 -device nvdimm,memdev=m,lab┃el-size=128K\n');
  assert.ok(h);
  assert.match(h.markdown, /nvdimm\.label-size/);
  assert.match(h.markdown, /since QEMU 2\.7/);
  assert.match(h.markdown, /128/);
});

test('hover on a size value shows the exact bytes', () => {
  const h = hoverAt('qemu-system-x86_64 -object memory-backend-file,id=m,mem-path=/x,size=1.5┃G\n');
  assert.ok(h);
  assert.match(h.markdown, /1,610,612,736 bytes/);
});

test('-m size without a suffix is MiB, maxmem without a suffix is bytes', () => {
  assert.match(hoverAt('qemu-system-x86_64 -m 10┃24,slots=1,maxmem=8G\n')!.markdown, /1,073,741,824 bytes.*MiB/s);
  assert.match(hoverAt('qemu-system-x86_64 -m 1G,slots=1,maxmem=40┃96\n')!.markdown, /4,096 bytes.*bytes\)/s);
});

test('hover on memdev shows the backend it points at and what the guest sees', () => {
  const h = hoverAt('qemu-system-x86_64 -object memory-backend-file,id=mem1,share=on,mem-path=/p,size=1G -device nvdimm,memdev=me┃m1,label-size=128K\n');
  assert.ok(h);
  assert.match(h.markdown, /memory-backend-file\*\* `mem1`/);
  assert.match(h.markdown, /share = `on`/);
  assert.match(h.markdown, /1073610752 bytes/);
});

test('hover on a driver shows the device doc', () => {
  const h = hoverAt('qemu-system-x86_64 -device virtio-pm┃em-pci,memdev=m\n');
  assert.ok(h);
  assert.match(h.markdown, /virtio-pmem-pci/);
});

test('hover on a libvirt <memory> device shows the generated QEMU arguments', () => {
  const xml = `<domain type='kvm'>
  <maxMemory slots='4' unit='GiB'>16</maxMemory>
  <memory unit='GiB'>5</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <cpu><numa><cell id='0' cpus='0' memory='4' unit='GiB'/></numa></cpu>
  <devices>
    <mem┃ory model='nvdimm' access='shared'>
      <source><path>/tmp/nv.img</path></source>
      <target><size unit='GiB'>1</size><node>0</node></target>
    </memory>
  </devices>
</domain>
`;
  const h = hoverAt(xml, 'd.xml');
  assert.ok(h);
  assert.match(h.markdown, /"driver":"nvdimm"/);
  assert.match(h.markdown, /"share":true/);
});
