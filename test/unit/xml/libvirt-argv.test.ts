/**
 * Differential test: generateQemuArgs against the real libvirt 9.0.0
 * (`virsh domxml-to-native qemu-argv` with the embedded QEMU driver, run as
 * nobody; reference libvirt.md §5 item 3). Skips when virsh/setpriv (or root,
 * needed by setpriv) are missing, unless QEMU_PMEM_REQUIRE_LIBVIRT=1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { parseLibvirtDomain } from '../../../server/src/engine/xml/domain';
import { generateQemuArgs } from '../../../server/src/engine/xml/argv';
import { CASES, type Case } from './fixtures';
import { makeRoot, oracleUnavailable as unavailable, removeRoot, shellSplit, virshAsNobody, writeXml } from '../../libvirt/oracle';

const REQUIRE = process.env.QEMU_PMEM_REQUIRE_LIBVIRT === '1';

const MEMORY_DRIVERS = new Set(['nvdimm', 'virtio-pmem-pci', 'pc-dimm', 'virtio-mem-pci']);

/** The memory-related options of a full argv, as "-opt value" lines. */
function memoryLines(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-no-acpi') out.push(a);
    else if (a === '-machine' || a === '-m' || a === '-numa') out.push(`${a} ${argv[i + 1]}`);
    else if (a === '-object' && /"qom-type":"(memory-backend-[a-z]+|thread-context)"/.test(argv[i + 1] ?? '')) out.push(`${a} ${argv[i + 1]}`);
    else if (a === '-device') {
      const m = /^\{"driver":"([^"]+)"/.exec(argv[i + 1] ?? '');
      if (m && MEMORY_DRIVERS.has(m[1])) out.push(`${a} ${argv[i + 1]}`);
    }
  }
  return out;
}

interface Outcome {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** One `virsh domxml-to-native` in an embedded-driver root owned by nobody. */
function runVirsh(root: string, c: Case): Promise<Outcome> {
  const file = writeXml(root, c.name, c.xml);
  const args = virshAsNobody(root, ['domxml-to-native', 'qemu-argv', file]);
  return new Promise((resolve) => {
    execFile('setpriv', args, { timeout: 120_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ ok: !err, stdout, stderr: stderr || (err ? String(err.message) : '') });
    });
  });
}

test('generateQemuArgs matches libvirt 9.0.0 domxml-to-native', async (t) => {
  const why = unavailable();
  if (why) {
    if (REQUIRE) assert.fail(`QEMU_PMEM_REQUIRE_LIBVIRT=1 but ${why}`);
    t.skip(`libvirt oracle unavailable: ${why}`);
    return;
  }
  // Two workers, each with its own embedded-driver root: the first call in a
  // root probes QEMU's capabilities (~2 s), later ones reuse the cache.
  const roots = [0, 1].map(() => makeRoot());
  try {
    const results = new Map<string, Promise<Outcome>>();
    const queue = [...CASES];
    const settle = new Map<string, (o: Outcome) => void>();
    for (const c of CASES) results.set(c.name, new Promise((res) => settle.set(c.name, res)));
    const worker = async (root: string) => {
      for (let c = queue.shift(); c; c = queue.shift()) settle.get(c.name)!(await runVirsh(root, c));
    };
    const workers = Promise.all(roots.map(worker));

    for (const c of CASES) {
      await t.test(c.name, async (st) => {
        const out = await results.get(c.name)!;
        if (!out.ok && /hugetlbfs filesystem is not mounted/.test(out.stderr)) {
          st.skip('no hugetlbfs mount on this machine; libvirt refuses hugepage-backed memory');
          return;
        }
        assert.ok(out.ok, `virsh failed: ${out.stderr}`);
        const real = memoryLines(shellSplit(out.stdout.trim()));
        const { domain } = parseLibvirtDomain(c.xml);
        // File-backed RAM lives under the root's memory_backing_dir.
        const usedRoot = roots.find((r) => out.stdout.includes(r)) ?? roots[0];
        const ours = generateQemuArgs(domain!, { expandMachine: true, memoryBackingDir: `${usedRoot}/embed/lib/qemu/ram` });
        assert.deepEqual(ours.problems, []);
        assert.deepEqual(memoryLines(ours.args), real);
      });
    }
    await workers;
  } finally {
    for (const r of roots) removeRoot(r);
  }
});
