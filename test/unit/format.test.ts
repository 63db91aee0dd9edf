import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thousands } from '../../server/src/engine/format';

test('thousands groups digits as en-US does', () => {
  for (const n of [0, 7, 999, 1000, 4096, 10000, 123456, 1234567, 1073741824, -5000, 2 ** 53 - 1]) {
    assert.equal(thousands(n), n.toLocaleString('en-US'));
  }
});
