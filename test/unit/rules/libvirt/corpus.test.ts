/**
 * Every libvirt rule against the shared corpus (test/libvirt/corpus.ts):
 * bad cases report at the exact span, accepted neighbours stay silent, every
 * quick fix removes its diagnostic, and the whole pipeline's error verdict is
 * the one libvirt gives (checked against real libvirt by test/libvirt/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtDomain } from '../../../../server/src/engine/xml/domain';
import { LIBVIRT_RULE_LIST, libvirtRefuses, runLibvirtRules } from '../../../../server/src/engine/libvirt-rules';
import { analyze } from '../../../../server/src/engine/analyze';
import { applyEdits } from '../../../../server/src/engine/features/code-actions';
import type { Finding } from '../../../../server/src/engine/rules/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, expectedSpan } from '../../../libvirt/corpus';
import { renderDoc, repoRoot } from '../../../libvirt/write-docs';

const OPTS = { qemuVersion: '7.2' };

function lint(xml: string): Finding[] {
  const { domain } = parseLibvirtDomain(xml);
  assert.ok(domain, 'not a domain');
  return runLibvirtRules(domain, xml, OPTS);
}

test('every libvirt rule has a reporting case and a silent neighbour', () => {
  for (const r of LIBVIRT_RULE_LIST) {
    const mine = CORPUS.filter((c) => c.rule === r.meta.code);
    assert.ok(mine.some((c) => c.reports), `${r.meta.code}: no reporting case`);
    assert.ok(mine.some((c) => c.reports === false), `${r.meta.code}: no silent neighbour`);
  }
  assert.equal(new Set(CORPUS.map((c) => c.name)).size, CORPUS.length, 'case names are unique');
  assert.ok(CORPUS.filter((c) => c.oracle !== false).length >= 100);
});

for (const c of CORPUS) {
  if (!c.rule) continue;
  test(`${c.rule}: ${c.name}`, () => {
    const findings = lint(c.xml).filter((f) => f.code === c.rule);
    if (!c.reports) {
      assert.deepEqual(findings.map((f) => f.message), []);
      return;
    }
    const span = expectedSpan(c)!;
    assert.ok(findings.length > 0, 'no finding');
    assert.deepEqual(findings.map((f) => ({ start: f.span.start, end: f.span.end })), [span], findings.map((f) => f.message).join('\n'));
    const rule = LIBVIRT_RULE_LIST.find((r) => r.meta.code === c.rule)!;
    // Severity is the rule's, except where a finding says QEMU refuses what libvirt rewrites.
    if (c.rule !== 'libvirt-nvdimm-pci-address') assert.equal(findings[0].severity, rule.meta.severity);
    for (const f of findings) {
      for (const fix of f.fixes ?? []) {
        const fixed = applyEdits(c.xml, fix.edits);
        const after = lint(fixed).filter((g) => g.code === c.rule);
        assert.ok(after.length < findings.length, `fix "${fix.title}" leaves the diagnostic:\n${fixed}`);
        assert.ok(parseLibvirtDomain(fixed).doc.errors.length === 0, `fix "${fix.title}" breaks the XML:\n${fixed}`);
      }
    }
  });
}

test('the pipeline reports an error exactly for the cases libvirt refuses', () => {
  const wrong: string[] = [];
  for (const c of CORPUS) {
    const findings = analyze(c.xml, { fileName: `${c.name}.xml` }).findings;
    if (libvirtRefuses(findings) !== c.refused) {
      wrong.push(`${c.name}: ${findings.filter((f) => f.severity === 'error').map((f) => f.code).join(', ') || 'no error'}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('docs/rules/libvirt-*.md are up to date (node --import tsx test/libvirt/write-docs.ts)', () => {
  for (const r of LIBVIRT_RULE_LIST) {
    const file = join(repoRoot(), 'docs', 'rules', `${r.meta.code}.md`);
    assert.equal(readFileSync(file, 'utf8'), renderDoc(r.meta.code), `${file} is stale`);
  }
});
