import { test } from 'node:test';
import { expectFindings, expectNone } from '../fixture';

const BAD = "qemu-system-x86_64 -object '{\"qom-type\":\"memory-backend-ram\",\"id\":\"m1\",\"size\":1,⟦}⟧'";
const GOOD = "qemu-system-x86_64 -object '{\"qom-type\":\"memory-backend-ram\",\"id\":\"m1\",\"size\":1}'";

test('option-syntax: reported at the exact span', () => {
  expectFindings(BAD, 'option-syntax');
});

test('option-syntax: the nearest accepted neighbour is clean', () => {
  expectNone(GOOD, 'option-syntax');
});
