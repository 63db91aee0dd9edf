/**
 * The bundled examples: the broken ones produce the foundation diagnostics at
 * the right places; the correct ones produce no errors or warnings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { repoRoot } from '../lsp/client';

const root = repoRoot();
const read = (f: string) => fs.readFileSync(path.join(root, 'examples', f), 'utf8');

/** [code, 1-based line, the exact text the finding covers] */
type Expect = [string, number, string];

function check(file: string, expected: Expect[]) {
  const text = read(file);
  const a = analyze(text, { fileName: file });
  const got = a.findings.map((f) => [f.code, a.lines.positionAt(f.span.start).line + 1, text.slice(f.span.start, f.span.end)]);
  for (const e of expected) {
    assert.ok(
      got.some((g) => g[0] === e[0] && g[1] === e[1] && g[2] === e[2]),
      `${file}: expected ${JSON.stringify(e)}; got\n${got.map((g) => JSON.stringify(g)).join('\n')}`,
    );
  }
}

test('broken/nvdimm-mistakes.sh', () => {
  check('broken/nvdimm-mistakes.sh', [
    ['nvdimm-not-enabled', 7, 'nvdimm'],
    ['slots-missing', 7, 'nvdimm'],
    ['maxmem-missing', 7, 'nvdimm'],
    ['label-size-too-small', 7, '64K'],
    ['machine-bare-flag', 10, 'nvdimm'],
    ['invalid-size', 11, '256MB'],
    ['memdev-unknown', 20, 'nope'],
    ['nvdimm-persistence-value', 15, 'cache'],
    ['maxmem-too-small', 19, 'nvdimm'],
    ['duplicate-id', 18, 'big'],
    ['readonly-needs-unarmed', 25, 'ro'],
    ['memdev-busy', 26, 'ro'],
    ['unknown-property', 26, 'memaddr'],
  ]);
});

test('broken/persistence-hazards.sh (values through a variable land in its assignment)', () => {
  check('broken/persistence-hazards.sh', [
    ['share-off', 5, 'memory-backend-file'],
    ['short-form-boolean', 11, 'share'],
    ['nvdimm-volatile-backend', 12, 'ram0'],
  ]);
});

test('broken/domain-nvdimm.xml', () => {
  check('broken/domain-nvdimm.xml', [
    ['libvirt-maxmemory-required', 12, 'memory'],
    ['libvirt-label-too-small', 19, '64'],
    ['memdev-unknown', 26, 'nope'],
  ]);
});

test('the correct examples have no errors or warnings', () => {
  for (const f of ['good/nvdimm.sh', 'good/virtio-pmem.sh', 'good/domain-nvdimm.xml']) {
    const a = analyze(read(f), { fileName: f });
    assert.ok(a.vms.length > 0, `${f}: no invocation found`);
    const bad = a.findings.filter((x) => x.severity === 'error' || x.severity === 'warning');
    assert.deepEqual(bad.map((x) => `${x.code}: ${x.message}`), [], f);
  }
});
