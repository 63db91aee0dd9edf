/** docs/features.md lists every capability the server announces. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, startClient } from './client';

test('every announced capability has a row in docs/features.md', async () => {
  const c = await startClient();
  try {
    const doc = fs.readFileSync(path.join(repoRoot(), 'docs', 'features.md'), 'utf8');
    for (const cap of Object.keys(c.init.capabilities)) {
      assert.ok(doc.includes('`' + cap + '`'), `docs/features.md lacks ${cap}`);
    }
  } finally {
    await c.stop();
  }
});
