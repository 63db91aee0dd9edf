/**
 * An analysis drops each invocation's shell words once it has checked the
 * VM (ShellModels.release); a VM asked for later is built from the command
 * read again from the text. It must be the VM the words gave, for every
 * kind of command, and the fallback (reading the whole script again) must
 * not be needed for real scripts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShellModels, vmOfInvocation } from '../../../server/src/engine/analyze';
import { analyzeShellWithContexts } from '../../../server/src/engine/shell';
import { seeds } from '../../fuzz/harness';
import { checkRebuiltVms, plainVm } from '../../fuzz/plain';

const SCRIPT = `#!/bin/bash
set -eu
IMG=/var/lib/pmem/a.img
SIZE=4G
OPTS="-object memory-backend-file,id=m2,mem-path=$IMG,size=1G -device nvdimm,id=n2,memdev=m2"
ARGS=(-machine pc,nvdimm=on -m "2G,slots=2,maxmem=8G")
ARGS+=(-object "memory-backend-file,id=m1,share=on,mem-path=\${IMG},size=$SIZE")
run() {
  local node=$1
  sudo numactl --cpunodebind="$node" qemu-system-x86_64 "\${ARGS[@]}" \\
    -device nvdimm,id=n1,memdev=m1,label-size=128K \\
    $OPTS
}
for i in 1 2; do
  qemu-system-x86_64 -machine pc,nvdimm=on -m 1G,slots=1,maxmem=2G -object memory-backend-file,id=x$i,size=1G,mem-path=/tmp/x$i; echo $i
done
if true; then exec taskset 1 qemu-system-x86_64 -m 1G -object memory-backend-ram,id=r,size=1G && echo ok; fi
out=$(qemu-system-x86_64 -machine help)
( cd /tmp && QEMU_AUDIO_DRV=none qemu-system-x86_64 -m 512M ) &
case "$1" in
  a) qemu-system-x86_64 -M pc -m 1G,slots=1,maxmem=4G ;;
  *) env A=1 qemu-kvm -m 1G -device virtio-pmem-pci,memdev=m9 ;;
esac
cat <<EOF | qemu-system-x86_64 -m 1G -object memory-backend-file,id=h,size=1G,mem-path=/h
not qemu -object
EOF
qemu-system-x86_64 -m \${MEM:=2G} -object memory-backend-file,id=d,size=\$MEM,mem-path=/d
qemu-system-x86_64 -m $MEM
unset IMG
qemu-system-x86_64 -object memory-backend-file,id=u,size=1G,mem-path=$IMG -m 'a b'"c"$'\\t'
`;

test('VMs built again from the text equal the ones built from the words, and no fallback is needed', () => {
  const before = ShellModels.fallbacks;
  assert.ok(checkRebuiltVms(SCRIPT) >= 9);
  assert.ok(checkRebuiltVms(SCRIPT.replace(/\n/g, '\r\n')) >= 9);
  let n = 0;
  for (const s of seeds()) if (s.fileName.endsWith('.sh')) n += checkRebuiltVms(s.text);
  assert.ok(n > 100, `${n} invocations in the seed scripts`);
  assert.equal(ShellModels.fallbacks, before, 'a command read again did not match');
});

test('commands after an unclosed quote keep their words and still give the same VMs', () => {
  const text = `qemu-system-x86_64 -m 1G -object "memory-backend-file,id=q,size=1G\necho it's\nqemu-system-x86_64 -m 2G\n`;
  assert.ok(checkRebuiltVms(text) >= 1);
  assert.ok(checkRebuiltVms(SCRIPT + `echo "unclosed\n`) >= 9);
});

test('a command that no longer reads the same falls back to reading the whole script again', () => {
  const text = 'A=1\nqemu-system-x86_64 -m 1G,slots=$A,maxmem=4G -object memory-backend-ram,id=r,size=1G\n';
  const sh = analyzeShellWithContexts(text);
  // Contexts that do not match the text (a wrong end): the re-read is refused.
  const wrong = sh.contexts.map((c) => ({ ...c, termStart: c.termStart + 1 }));
  const models = new ShellModels(text);
  sh.invocations.forEach((inv, i) => models.add(inv, wrong[i]));
  models.release(0);
  const before = ShellModels.fallbacks;
  assert.deepStrictEqual(plainVm(models.build(0)), plainVm(vmOfInvocation(sh.invocations[0])));
  assert.equal(ShellModels.fallbacks, before + 1);
});
