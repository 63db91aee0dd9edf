/**
 * Differential suite against the real libvirt 9.0.0 (embedded QEMU driver,
 * as nobody): for every corpus XML,
 *  - we say libvirt refuses (an error of a libvirt rule, see libvirtRefuses)
 *    exactly when `virsh define` refuses the domain. Errors that mean "QEMU
 *    will refuse to start what libvirt accepts" (QEMU rules on the generated
 *    arguments, libvirt-nvdimm-no-acpi, ...) are counted apart;
 *  - for accepted domains, our generated memory arguments equal the memory
 *    lines of `virsh domxml-to-native qemu-argv` (machine aliases expanded
 *    as QEMU 7.2 does; JSON key order ignored).
 * Prints the agreement figures; fails below 100%.
 * Skips when virsh/setpriv/root are missing, unless QEMU_PMEM_REQUIRE_LIBVIRT=1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { libvirtRefuses } from '../../server/src/engine/libvirt-rules';
import { generateQemuArgs } from '../../server/src/engine/xml/argv';
import { CORPUS, type CorpusCase } from './corpus';
import { makeRoot, memoryLines, oracleUnavailable, removeRoot, runOracle, shellSplit, type OracleResult } from './oracle';

const REQUIRE = process.env.QEMU_PMEM_REQUIRE_LIBVIRT === '1';
const WORKERS = 2;

test('libvirt differential: verdicts and generated arguments agree with libvirt 9.0.0', async (t) => {
  const why = oracleUnavailable();
  if (why) {
    if (REQUIRE) assert.fail(`QEMU_PMEM_REQUIRE_LIBVIRT=1 but the libvirt oracle is unavailable: ${why}`);
    t.skip(`libvirt oracle unavailable: ${why}`);
    return;
  }
  const cases = CORPUS.filter((c) => c.oracle !== false);
  assert.ok(cases.length >= 100, `corpus has only ${cases.length} runnable cases`);
  const started = Date.now();
  // One embedded-driver root per worker: the first virsh in a root probes
  // QEMU's capabilities (~2 s), later ones reuse the cache.
  const roots = Array.from({ length: WORKERS }, makeRoot);
  const results = new Map<string, { root: string; out: OracleResult }>();
  try {
    let next = 0;
    await Promise.all(
      roots.map(async (root) => {
        for (let i = next++; i < cases.length; i = next++) {
          results.set(cases[i].name, { root, out: await runOracle(root, cases[i].name, cases[i].xml) });
        }
      }),
    );
  } finally {
    for (const r of roots) removeRoot(r);
  }

  const verdictDiffs: string[] = [];
  const argvDiffs: string[] = [];
  let argvCases = 0;
  const startErrors: string[] = [];
  for (const c of cases) {
    const { root, out } = results.get(c.name)!;
    const a = analyze(c.xml, { fileName: `${c.name}.xml` });
    const errors = a.findings.filter((f) => f.severity === 'error');
    const oursRefuse = libvirtRefuses(a.findings);
    if (!oursRefuse && errors.length) startErrors.push(`${c.name}: ${[...new Set(errors.map((f) => f.code))].join(', ')}`);
    if (oursRefuse !== !out.defined) {
      verdictDiffs.push(
        `${c.name}: virsh define ${out.defined ? 'accepts' : `refuses (${out.error})`}, we report ${
          oursRefuse ? errors.map((f) => `${f.code}: ${f.message.slice(0, 100)}`).join(' | ') : 'no error'
        }`,
      );
    }
    if (!out.defined) continue;
    argvCases++;
    if (!out.argvLine) {
      argvDiffs.push(`${c.name}: domxml-to-native produced no command line`);
      continue;
    }
    const real = memoryLines(shellSplit(out.argvLine));
    const domain = a.libvirt?.domain;
    const ours = domain
      ? memoryLines(generateQemuArgs(domain, { expandMachine: true, memoryBackingDir: `${root}/embed/lib/qemu/ram` }).args)
      : [];
    if (JSON.stringify(real) !== JSON.stringify(ours)) argvDiffs.push(diffLines(c, real, ours));
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = `libvirt differential: ${cases.length - verdictDiffs.length}/${cases.length} define verdicts agree, ${argvCases - argvDiffs.length}/${argvCases} argv match (${seconds}s, ${WORKERS} workers)`;
  console.log(summary);
  t.diagnostic(summary);
  const start = `libvirt differential: ${startErrors.length} accepted domains that QEMU would refuse to start: ${startErrors.join('; ')}`;
  console.log(start);
  t.diagnostic(start);
  assert.deepEqual(verdictDiffs, [], 'define verdicts disagree');
  assert.deepEqual(argvDiffs, [], 'generated arguments differ');
});

function diffLines(c: CorpusCase, real: readonly string[], ours: readonly string[]): string {
  const out = [`${c.name}:`];
  for (let i = 0; i < Math.max(real.length, ours.length); i++) {
    if (real[i] === ours[i]) continue;
    out.push(`  libvirt: ${real[i] ?? '(none)'}`, `  ours:    ${ours[i] ?? '(none)'}`);
  }
  return out.join('\n');
}
