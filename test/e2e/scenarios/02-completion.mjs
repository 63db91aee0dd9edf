// Issue 6 (2): completion of device models after `-device ` and of nvdimm
// properties after `nvdimm,`.
import assert from 'node:assert/strict';
import fs from 'node:fs';

export const meta = { title: 'completion of -device models and nvdimm properties' };

export default async function completion(h) {
  await h.openFile('complete.sh');
  // The fixture ends with a continuation line holding two spaces ("  ") for us to type on.
  const line = fs.readFileSync(h.file('complete.sh'), 'utf8').split('\n').indexOf('  ') + 1;
  assert.ok(line > 1, 'complete.sh has no "  " line to type on');
  await h.gotoPosition(line, 3);

  await h.type('-device ');
  await h.dismissOverlays();
  const models = await h.triggerSuggest({ expect: ['nvdimm', 'virtio-pmem-pci'] });
  await h.screenshot('suggest-device-models');
  assert.ok(models.includes('nvdimm') && models.includes('virtio-pmem-pci'), JSON.stringify(models));
  await h.dismissOverlays();

  await h.type('nvdimm,');
  await h.dismissOverlays();
  const props = await h.triggerSuggest({ expect: ['label-size', 'unarmed', 'memdev'] });
  await h.screenshot('suggest-nvdimm-properties');
  for (const p of ['label-size', 'unarmed', 'memdev']) assert.ok(props.includes(p), `${p} missing in ${JSON.stringify(props)}`);
  // virtio-pmem's property must not be offered for an nvdimm.
  assert.ok(!props.includes('memaddr'), `memaddr offered for nvdimm: ${JSON.stringify(props)}`);
  await h.dismissOverlays();
}
