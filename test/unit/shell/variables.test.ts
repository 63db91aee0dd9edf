import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, args, only, srcOf, starts, tokenOf, unknownParts } from './helpers';
import { endAt, startAt } from '../../../server/src/engine/mapped';

const Q = 'qemu-system-x86_64';

test('unquoted $VAR is word-split; every field maps into the assignment', () => {
  const src = `NV_OPTS="-object memory-backend-file,id=m1,share=on"\n${Q} $NV_OPTS\n`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-object', 'memory-backend-file,id=m1,share=on']);
  const v = src.indexOf('-object');
  assert.deepEqual(starts(inv.args[0]).slice(0, 2), [v, v + 1]);
  const share = inv.args[1].value.text.indexOf('share=on');
  assert.equal(srcOf(src, inv.args[1], share, share + 8), 'share=on');
  assert.equal(startAt(inv.args[1].value, share), src.indexOf('share=on'));
  // The word span is the $VAR token.
  assert.equal(tokenOf(src, inv.args[0]), '$NV_OPTS');
  assert.equal(tokenOf(src, inv.args[1]), '$NV_OPTS');
});

test('"$VAR" stays one word; "$A,$B" concatenates with both maps', () => {
  const src = `A="x y"\nB=share=on\n${Q} "$A" -object "memory-backend-ram,$B,id=$A"\n`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['x y', '-object', 'memory-backend-ram,share=on,id=x y']);
  const w = inv.args[2];
  assert.equal(srcOf(src, w, 19, 27), 'share=on');
  assert.equal(startAt(w.value, 19), src.indexOf('share=on'));
  assert.equal(startAt(w.value, 31), src.indexOf('x y'));
  assert.equal(startAt(w.value, 18), src.indexOf(',$B'));
});

test('${VAR}, export/local/declare/readonly assignments, later ones override', () => {
  const src = [
    'export MEM=1G',
    'f() {',
    '  local MEM=2G',
    '}',
    'declare -r SLOTS=4',
    'readonly MAXMEM=16G',
    `${Q} -m \${MEM},slots=$SLOTS,maxmem=\${MAXMEM}`,
    'MEM=8G',
    `${Q} -m $MEM`,
  ].join('\n');
  const r = analyze(src);
  assert.deepEqual(
    r.invocations.map((i) => args(i)),
    [['-m', '2G,slots=4,maxmem=16G'], ['-m', '8G']],
  );
  const w = r.invocations[0].args[1];
  assert.equal(startAt(w.value, 0), src.indexOf('2G'));
  assert.equal(startAt(r.invocations[1].args[1].value, 0), src.indexOf('8G'));
});

test('unknown values stay verbatim, mapped to their own text, and marked unknown', () => {
  const src = [
    'DISK=$(mktemp)',
    'P="$HOME/pmem.img"',
    `${Q} -drive file=$DISK -object memory-backend-file,mem-path=$P,size=$1 "$UNSET" x\${NOPE}y`,
  ].join('\n');
  const inv = only(src);
  assert.deepEqual(args(inv), ['-drive', 'file=$DISK', '-object', 'memory-backend-file,mem-path=$P,size=$1', '$UNSET', 'x${NOPE}y']);
  const d = inv.args[1];
  assert.deepEqual(d.value.unknown, [{ start: 5, end: 10 }]);
  assert.equal(srcOf(src, d, 5, 10), '$DISK');
  assert.equal(startAt(d.value, 5), src.lastIndexOf('$DISK'));
  assert.deepEqual(unknownParts(inv.args[3]), ['$P', '$1']);
  assert.deepEqual(unknownParts(inv.args[5]), ['${NOPE}']);
});

test('${VAR:-default}: known VAR wins; unassigned VAR stays unknown for values', () => {
  const src = [
    'SIZE=4G',
    'EMPTY=',
    `${Q} -m \${SIZE:-1G} -smp \${CPUS:-2} -name \${EMPTY:-dflt} -a \${SIZE:+on} -b \${EMPTY:+on}x`,
  ].join('\n');
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m', '4G', '-smp', '${CPUS:-2}', '-name', 'dflt', '-a', 'on', '-b', 'x']);
  assert.deepEqual(unknownParts(inv.args[3]), ['${CPUS:-2}']);
  assert.equal(srcOf(src, inv.args[5]), 'dflt');
});

test('$@ and $* alone contribute no words; "$*" and $@ inside a word are unknown', () => {
  const src = `exec ${Q} "$@" -m 1G $* "\${@}" "$*" x"$@"`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m', '1G', '$*', 'x$@']);
  assert.deepEqual(unknownParts(inv.args[2]), ['$*']);
  assert.deepEqual(unknownParts(inv.args[3]), ['$@']);
  assert.equal(inv.span.end, src.length);
});

test('arrays: literal, +=, multi-line with comments, "${A[@]}" maps into the literal', () => {
  const src = [
    'ARGS=(-machine pc,nvdimm=on',
    '      # memory with hotplug slots',
    '      -m 4G,slots=2,maxmem=8G)   # trailing comment',
    'ARGS+=(-device "nvdimm,memdev=m1,id=nv1")',
    `${Q} "\${ARGS[@]}" -nographic`,
  ].join('\n');
  const inv = only(src);
  assert.deepEqual(args(inv), ['-machine', 'pc,nvdimm=on', '-m', '4G,slots=2,maxmem=8G', '-device', 'nvdimm,memdev=m1,id=nv1', '-nographic']);
  const nv = inv.args[5];
  assert.equal(startAt(nv.value, 0), src.indexOf('nvdimm,memdev'));
  assert.equal(srcOf(src, nv, 7, 16), 'memdev=m1');
  assert.equal(tokenOf(src, nv), '"${ARGS[@]}"');
  assert.equal(startAt(inv.args[1].value, 0), src.indexOf('pc,nvdimm'));
});

test('array expansions: unquoted splits elements, [*] joins, [n] indexes, $A is element 0', () => {
  const src = [
    'V="a b"',
    'A=("x y" $V \'q\')',
    `${Q} \${A[@]} "\${A[*]}" "\${A[1]}" $A "pre\${A[@]}post"`,
  ].join('\n');
  const inv = only(src);
  assert.deepEqual(args(inv), ['x', 'y', 'a', 'b', 'q', 'x y a b q', 'a', 'x', 'y', 'prex y', 'a', 'b', 'qpost']);
  // The joining space of ${A[*]} maps to the expansion itself.
  const joined = inv.args[5];
  const e = src.indexOf('${A[*]}');
  assert.deepEqual({ start: startAt(joined.value, 3), end: endAt(joined.value, 3) }, { start: e, end: e + 7 });
  // Element from $V maps into V's assignment.
  assert.equal(startAt(inv.args[6].value, 0), src.indexOf('a b'));
});

test('array elements may be unknown; an unknown array is one unknown word', () => {
  const src = [
    'A=(-m "$MEM" -name $(hostname))',
    `${Q} "\${A[@]}" "\${B[@]}"`,
  ].join('\n');
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m', '$MEM', '-name', '$(hostname)', '${B[@]}']);
  assert.deepEqual(unknownParts(inv.args[1]), ['$MEM']);
  assert.equal(startAt(inv.args[1].value, 0), src.indexOf('$MEM'));
  assert.deepEqual(unknownParts(inv.args[4]), ['${B[@]}']);
});

test('an empty array contributes no words', () => {
  const src = `EXTRA=()\n${Q} -m 1G "\${EXTRA[@]}" \${EXTRA[@]}`;
  assert.deepEqual(args(only(src)), ['-m', '1G']);
});

test('assignment values resolve variables at assignment time', () => {
  const src = ['B=1G', 'A="-m $B"', 'B=2G', `${Q} $A`].join('\n');
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m', '1G']);
  assert.equal(startAt(inv.args[1].value, 0), src.indexOf('1G'));
});

test('+= appends to scalars; prefix assignments do not set variables; unset forgets', () => {
  const src = [
    'OPTS="-m 1G"',
    'OPTS+=" -smp 2"',
    'X=5 true',
    'Y=1; unset Y',
    `${Q} $OPTS $X $Y`,
  ].join('\n');
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m', '1G', '-smp', '2', '$X', '$Y']);
  assert.equal(startAt(inv.args[2].value, 0), src.indexOf('-smp'));
});

test('a partly unknown assignment makes the whole variable unknown', () => {
  const src = ['OPTS="-m $MEM"', `${Q} $OPTS`].join('\n');
  const inv = only(src);
  assert.deepEqual(args(inv), ['$OPTS']);
  assert.deepEqual(unknownParts(inv.args[0]), ['$OPTS']);
});
