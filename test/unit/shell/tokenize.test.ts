import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, args, only, spanOf, srcOf, starts, tokenOf } from './helpers';

const Q = 'qemu-system-x86_64';

test('single quotes are literal and map inside the quotes', () => {
  const src = `${Q} -device 'a,b'`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-device', 'a,b']);
  const w = inv.args[1];
  const open = src.indexOf("'");
  assert.deepEqual(starts(w), [open + 1, open + 2, open + 3]);
  assert.deepEqual(w.span, { start: open, end: open + 5 });
  assert.equal(tokenOf(src, w), "'a,b'");
  assert.equal(srcOf(src, w, 1, 2), ',');
});

test('double quotes: \\" \\\\ \\$ \\` are escapes, other backslashes stay', () => {
  const src = `${Q} "x\\"y" "a\\qb\\$c\\\\d\\\`e"`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['x"y', 'a\\qb$c\\d`e']);
  const w = inv.args[0];
  const q = src.indexOf('"');
  // x at q+1, the escaped quote is the two characters \" at q+2..q+4, y at q+4
  assert.deepEqual(spanOf(w, 1, 2), { start: q + 2, end: q + 4 });
  assert.deepEqual(starts(w), [q + 1, q + 2, q + 4]);
  assert.equal(srcOf(src, inv.args[1], 1, 2), '\\'); // \q keeps its backslash, mapped to itself
});

test('backslash escapes outside quotes: a\\ b is one word', () => {
  const src = `${Q} a\\ b -name x\\,y`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['a b', '-name', 'x,y']);
  const w = inv.args[0];
  const a = src.indexOf('a\\ b');
  assert.deepEqual(spanOf(w, 1, 2), { start: a + 1, end: a + 3 });
  assert.deepEqual(w.span, { start: a, end: a + 4 });
});

test("$'...' decodes ANSI-C escapes, each mapped to its escape", () => {
  const src = `${Q} $'a\\tb' $'\\x41\\u00e9\\101\\n\\'' $'\\q'`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['a\tb', 'Aé' + 'A\n\'', '\\q']);
  const w = inv.args[0];
  const d = src.indexOf("$'a");
  assert.deepEqual(spanOf(w, 1, 2), { start: d + 3, end: d + 5 });
  assert.equal(srcOf(src, inv.args[1], 0, 1), '\\x41');
  assert.equal(srcOf(src, inv.args[1], 1, 2), '\\u00e9');
  assert.equal(srcOf(src, inv.args[1], 2, 3), '\\101');
  assert.deepEqual(w.span, { start: d, end: d + 7 });
});

test('backslash-newline inside a word joins it; between words it separates nothing', () => {
  const src = `${Q} -m\\\n1G \\\n  -smp 2`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m1G', '-smp', '2']);
  const w = inv.args[0];
  const m = src.indexOf('-m');
  assert.deepEqual(starts(w), [m, m + 1, m + 4, m + 5]);
  assert.equal(srcOf(src, w, 2, 4), '1G');
  assert.deepEqual(w.span, { start: m, end: m + 6 });
  assert.deepEqual(inv.span, { start: 0, end: src.length });
});

test('backslash-newline inside double quotes is removed', () => {
  const src = `${Q} -append "console=ttyS0 \\\nroot=/dev/pmem0"`;
  const inv = only(src);
  assert.equal(inv.args[1].value.text, 'console=ttyS0 root=/dev/pmem0');
  assert.equal(srcOf(src, inv.args[1], 14, 18), 'root');
});

test('CRLF line endings: \\r is part of the line break', () => {
  const src = `#!/bin/sh\r\n${Q} -m 1G \\\r\n  -smp 2\r\necho done\r\n`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m', '1G', '-smp', '2']);
  const last = inv.args[3];
  assert.equal(tokenOf(src, last), '2');
  assert.equal(inv.span.end, src.indexOf('\r\necho'));
  // A quoted CRLF becomes "\n" mapped to both characters.
  const src2 = `${Q} -append "a\r\nb"\r\n`;
  const w = only(src2).args[1];
  assert.equal(w.value.text, 'a\nb');
  const cr = src2.indexOf('\r');
  assert.deepEqual(spanOf(w, 1, 2), { start: cr, end: cr + 2 });
});

test('a comment line after a continuation ends the command (as bash does)', () => {
  // bash: `a \` + `# comment \` -> the comment swallows its own backslash; `-smp 2` is a new command.
  const src = `${Q} -m 1G \\\n# -enable-kvm \\\n-smp 2\n`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m', '1G']);
  assert.equal(inv.span.end, src.indexOf(' \\\n#'));
  // A trailing comment on a line ends the command too.
  const src2 = `${Q} -m 1G # -smp 2\n`;
  assert.deepEqual(args(only(src2)), ['-m', '1G']);
  // `#` inside a word is not a comment.
  assert.deepEqual(args(only(`${Q} -name a#b`)), ['-name', 'a#b']);
});

test('blank continuation lines: `\\` then an empty line ends the command', () => {
  const src = `${Q} -m 1G \\\n\n-smp 2\n`;
  assert.deepEqual(args(only(src)), ['-m', '1G']);
  const src2 = `${Q} -m 1G \\\n   \\\n  -smp 2\n`;
  assert.deepEqual(args(only(src2)), ['-m', '1G', '-smp', '2']);
});

test('heredoc bodies are skipped, including several on one line and <<- and quoted delimiters', () => {
  const src = [
    'cat <<EOF',
    `${Q} -m 1G`,
    'EOF',
    `cat <<A <<-'B' >/dev/null; ${Q} -M virt`,
    `${Q} a`,
    'A',
    `\t${Q} b`,
    '\tB',
    'cat <<"E O"',
    `${Q} c`,
    'E O',
    `${Q} -smp 1`,
  ].join('\n');
  const r = analyze(src);
  assert.deepEqual(
    r.invocations.map((i) => args(i)),
    [['-M', 'virt'], ['-smp', '1']],
  );
  assert.deepEqual(r.problems, []);
});

test('unterminated heredoc is a problem and swallows the rest', () => {
  const src = `cat <<EOF\n${Q} -m 1G\n`;
  const r = analyze(src);
  assert.equal(r.invocations.length, 0);
  assert.equal(r.problems.length, 1);
  assert.deepEqual(r.problems[0].span, { start: 4, end: 9 });
});

test('redirections are not arguments', () => {
  const src = `${Q} -m 1G >log 2>&1 </dev/null -smp 2 &>>x 3<>y`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-m', '1G', '-smp', '2']);
  assert.equal(inv.span.end, src.indexOf(' &>>x'));
});

test('unclosed quotes are reported and run to the end of the file', () => {
  const src = `${Q} -name "abc -m 1G\n${Q} -smp 2\n`;
  const r = analyze(src);
  assert.equal(r.invocations.length, 1);
  assert.deepEqual(args(r.invocations[0]), ['-name', `abc -m 1G\n${Q} -smp 2\n`]);
  assert.equal(r.problems.length, 1);
  const q = src.indexOf('"');
  assert.deepEqual(r.problems[0].span, { start: q, end: q + 1 });
  assert.match(r.problems[0].message, /double quote/);

  const src2 = `${Q} -name 'abc\n`;
  const r2 = analyze(src2);
  assert.deepEqual(args(r2.invocations[0]), ['-name', 'abc\n']);
  assert.match(r2.problems[0].message, /single quote/);

  const r3 = analyze(`${Q} -name $(foo\n`);
  assert.equal(r3.invocations.length, 1);
  assert.match(r3.problems[0].message, /\$\(/);
});

test('emoji: offsets are UTF-16 code units', () => {
  const src = `# 😀 comment\n${Q} -name "😀x" -m 1G a\\😀`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-name', '😀x', '-m', '1G', 'a😀']);
  const w = inv.args[1];
  const q = src.indexOf('"😀');
  assert.deepEqual(starts(w), [q + 1, q + 2, q + 3]);
  assert.deepEqual(spanOf(w, 2, 3), { start: q + 3, end: q + 4 });
  assert.equal(srcOf(src, w, 0, 2), '😀');
  const e = inv.args[4];
  const b = src.indexOf('a\\😀');
  assert.deepEqual(spanOf(e, 1, 3), { start: b + 1, end: b + 4 });
});

test('$(...), backticks, $((...)) and ${...} with nesting and quotes stay one unknown piece', () => {
  const src = `${Q} -name "$(echo "a b)" \`x\`)"x -smp $(( (1+2) )) -m \${MEM:-"4 G"}`;
  const inv = only(src);
  assert.deepEqual(args(inv), ['-name', '$(echo "a b)" `x`)x', '-smp', '$(( (1+2) ))', '-m', '${MEM:-"4 G"}']);
  assert.deepEqual(inv.args[1].value.unknown, [{ start: 0, end: 18 }]);
  assert.deepEqual(inv.args[5].value.unknown, [{ start: 0, end: 13 }]);
  // The verbatim text maps to itself.
  assert.equal(srcOf(src, inv.args[1], 0, 18), '$(echo "a b)" `x`)');
});

test('commands inside $( ) are not invocations; `(`/`)` subshells and { } groups are', () => {
  const src = [
    `V=$(${Q} -version)`,
    `( ${Q} -m 1G )`,
    `{ ${Q} -m 2G; }`,
    `out=\`${Q} -help\``,
    `cat <(${Q} -m 3G)`,
  ].join('\n');
  const r = analyze(src);
  assert.deepEqual(
    r.invocations.map((i) => args(i)),
    [['-m', '1G'], ['-m', '2G']],
  );
});
