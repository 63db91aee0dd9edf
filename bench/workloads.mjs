// Deterministic benchmark workloads: launch scripts with QEMU invocations
// spread through ordinary bash, libvirt domain XML with many memory devices,
// and pathological inputs. Same arguments, same bytes, every run (a seeded
// PRNG picks the block order; nothing depends on time or the machine).

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER = [
  '#!/bin/bash',
  '# Generated fleet launch script (qemu-pmem benchmark workload).',
  'set -euo pipefail',
  '',
  'IMG_DIR=/var/lib/pmem',
  'LOG_DIR=/var/log/fleet',
  'CONFIG=/etc/fleet/vms.conf',
  'MODE=${MODE:-pmem}',
  'COMMON_ARGS=(-nographic -serial mon:stdio -enable-kvm)',
  'COMMON_ARGS+=(-cpu host)',
  '',
  'log() {',
  '  printf "%s %s\\n" "$(date +%T)" "$*" >> "$LOG_DIR/fleet.log"',
  '}',
  '',
];

/**
 * Block generators. Each returns { lines, marks } where marks are
 * (line index in the block, column, name) points the benchmark edits,
 * completes and hovers at. `n` makes names unique.
 */
const BLOCKS = {
  // A function with locals, a test, and a multi-line invocation with continuations.
  fn(n) {
    const lines = [
      `start_vm_${n}() {`,
      `  local name="vm${n}"`,
      `  local img="\${IMG_DIR}/\${name}.img"`,
      `  log "starting \${name}"`,
      `  if [[ -e "$img" ]]; then`,
      `    echo "reusing $img"`,
      `  fi`,
      `  qemu-system-x86_64 \\`,
      `    -name "$name" \\`,
      `    -machine pc,accel=kvm,nvdimm=on \\`,
      `    -m 4G,slots=4,maxmem=32G \\`,
      `    -smp 2,sockets=1,cores=2,threads=1 \\`,
      `    -drive file=\${IMG_DIR}/\${name}-root.qcow2,if=virtio,cache=none,aio=native,discard=unmap \\`,
      `    -netdev bridge,id=net${n},br=br0 -device virtio-net-pci,netdev=net${n},mac=52:54:00:12:34:${(n % 256).toString(16).padStart(2, '0')} \\`,
      `    -object memory-backend-file,id=mem${n},share=on,mem-path="$img",size=8G \\`,
      `    -device nvdimm,id=nv${n},memdev=mem${n},label-size=128K \\`,
      `    "\${COMMON_ARGS[@]}" \\`,
      `    -daemonize`,
      `}`,
      ``,
    ];
    const dev = lines[15];
    const marks = [
      // edit point: just after "id=nv<n>" (a character is inserted and removed there)
      { name: 'edit', line: 15, col: dev.indexOf(',memdev=') },
      // completion point: just after "nvdimm," (key completion)
      { name: 'complete', line: 15, col: dev.indexOf('nvdimm,') + 'nvdimm,'.length },
      // hover point: on the key "memdev"
      { name: 'hover', line: 15, col: dev.indexOf('memdev=') + 2 },
    ];
    return { lines, marks, invocations: 1 };
  },
  // A loop writing a heredoc and building an argument array.
  loop(n) {
    return {
      lines: [
        `for i in 1 2 3; do`,
        `  cat > "/tmp/vm${n}-$i.cfg" <<EOF`,
        `[vm]`,
        `name = vm${n}-$i`,
        `memory = 2G`,
        `EOF`,
        `  ARGS=(-machine q35,nvdimm=on -m 2G,slots=2,maxmem=8G)`,
        `  ARGS+=(-object "memory-backend-file,id=pm${n}_$i,mem-path=/dev/dax0.$i,size=4G,share=on,align=2M")`,
        `  ARGS+=(-device "nvdimm,id=nvd${n}_$i,memdev=pm${n}_$i")`,
        `  qemu-system-x86_64 "\${ARGS[@]}" -nographic &`,
        `done`,
        `wait`,
        ``,
      ],
      marks: [],
      invocations: 1,
    };
  },
  // A case statement choosing options held in a string variable.
  case(n) {
    return {
      lines: [
        `case "$MODE" in`,
        `  pmem)`,
        `    PMEM_OPTS="-object memory-backend-file,id=vp${n},share=on,mem-path=/srv/pmem/vp${n}.img,size=4G -device virtio-pmem-pci,memdev=vp${n},id=vpd${n}"`,
        `    ;;`,
        `  *)`,
        `    PMEM_OPTS=""`,
        `    ;;`,
        `esac`,
        `sudo numactl --cpunodebind=0 qemu-system-x86_64 -machine q35 -m 2G,slots=2,maxmem=8G $PMEM_OPTS -nographic`,
        ``,
      ],
      marks: [],
      invocations: 1,
    };
  },
  // Ordinary bash with no QEMU at all.
  plain(n) {
    return {
      lines: [
        `count_${n}=0`,
        `while read -r line; do`,
        `  count_${n}=$((count_${n} + 1))`,
        `  case "$line" in`,
        `    \\#*) continue ;;`,
        `  esac`,
        `  printf '%s\\n' "$line" | tr 'a-z' 'A-Z' | sed -e 's/[[:space:]]\\+/ /g' -e 's/^ //' >> "$LOG_DIR/out.${n}.log"`,
        `done < "$CONFIG"`,
        `total=$(wc -l < "$CONFIG")`,
        `echo "block ${n}: processed $count_${n} of $total configuration lines from $CONFIG" | tee -a "$LOG_DIR/summary.log"`,
        ``,
      ],
      marks: [],
      invocations: 0,
    };
  },
  // An invocation with mistakes the rules report (share-off, missing maxmem...).
  bad(n) {
    return {
      lines: [
        `# vm${n}: deliberately questionable`,
        `qemu-system-x86_64 -machine pc,nvdimm=on -m 2G \\`,
        `  -object memory-backend-file,id=bad${n},mem-path=/tmp/bad${n}.img,size=1G \\`,
        `  -device nvdimm,id=badnv${n},memdev=bad${n}`,
        ``,
      ],
      marks: [],
      invocations: 1,
    };
  },
  // A one-line invocation behind wrappers.
  wrapped(n) {
    return {
      lines: [`exec taskset 0x3 qemu-kvm -m 1G -device virtio-pmem-pci,memdev=w${n},id=wp${n} -object memory-backend-file,id=w${n},share=on,mem-path=/srv/w${n},size=1G`, ``],
      marks: [],
      invocations: 1,
    };
  },
};

const WEIGHTS = [
  ['fn', 2],
  ['loop', 1],
  ['case', 1],
  ['plain', 2],
  ['bad', 1],
  ['wrapped', 1],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((s, [, w]) => s + w, 0);

function pickBlock(rnd) {
  let r = rnd() * TOTAL_WEIGHT;
  for (const [name, w] of WEIGHTS) {
    if ((r -= w) < 0) return name;
  }
  return WEIGHTS[0][0];
}

/**
 * A launch script of exactly `lineCount` lines ("\n"-terminated). Returns the
 * text, the number of QEMU invocations, and the marks of the `fn` block
 * nearest the middle of the file as { edit, complete, hover } offsets.
 */
export function launchScript(lineCount, seed = 7) {
  const rnd = prng(seed);
  const out = [...HEADER];
  const marks = [];
  let invocations = 0;
  let n = 0;
  for (;;) {
    const b = BLOCKS[pickBlock(rnd)](n++);
    if (out.length + b.lines.length > lineCount) break;
    for (const m of b.marks) marks.push({ ...m, line: out.length + m.line });
    out.push(...b.lines);
    invocations += b.invocations;
  }
  while (out.length < lineCount) out.push(`# padding ${out.length}`);
  const text = out.join('\n') + '\n';
  // Offsets of the marks of the fn block nearest the middle.
  const lineStarts = [0];
  for (const l of out) lineStarts.push(lineStarts[lineStarts.length - 1] + l.length + 1);
  const editMarks = marks.filter((m) => m.name === 'edit');
  let best = editMarks[0];
  for (const m of editMarks) if (Math.abs(m.line - lineCount / 2) < Math.abs(best.line - lineCount / 2)) best = m;
  const at = (name) => {
    const m = marks.find((x) => x.name === name && x.line === best.line);
    return { line: m.line, character: m.col, offset: lineStarts[m.line] + m.col };
  };
  return { text, invocations, lines: out.length, points: { edit: at('edit'), complete: at('complete'), hover: at('hover') } };
}

/**
 * A libvirt domain with `count` memory devices (NVDIMMs with labels,
 * virtio-pmem and DIMMs in turn). Returns the text and edit/hover points in
 * the device nearest the middle.
 */
export function domainXml(count) {
  const lines = [
    `<domain type='kvm'>`,
    `  <name>pmem-fleet-${count}</name>`,
    `  <maxMemory slots='${Math.max(count, 1)}' unit='GiB'>${64 + count * 2}</maxMemory>`,
    `  <memory unit='GiB'>${4 + count * 2}</memory>`,
    `  <vcpu>4</vcpu>`,
    `  <os>`,
    `    <type arch='x86_64' machine='pc'>hvm</type>`,
    `  </os>`,
    `  <cpu>`,
    `    <numa>`,
    `      <cell id='0' cpus='0-3' memory='4' unit='GiB'/>`,
    `    </numa>`,
    `  </cpu>`,
    `  <devices>`,
  ];
  let point;
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    if (i === Math.floor(count / 2)) point = { line: lines.length + 3 };
    if (kind === 0) {
      lines.push(
        `    <memory model='nvdimm' access='shared'>`,
        `      <source>`,
        `        <path>/var/lib/libvirt/pmem/guest${i}.img</path>`,
        `      </source>`,
        `      <target>`,
        `        <size unit='GiB'>2</size>`,
        `        <node>0</node>`,
        `        <label>`,
        `          <size unit='KiB'>128</size>`,
        `        </label>`,
        `      </target>`,
        `    </memory>`,
      );
    } else if (kind === 1) {
      lines.push(
        `    <memory model='virtio-pmem' access='shared'>`,
        `      <source>`,
        `        <path>/var/lib/libvirt/pmem/vp${i}.img</path>`,
        `      </source>`,
        `      <target>`,
        `        <size unit='GiB'>2</size>`,
        `      </target>`,
        `    </memory>`,
      );
    } else {
      lines.push(
        `    <memory model='dimm'>`,
        `      <target>`,
        `        <size unit='GiB'>2</size>`,
        `        <node>0</node>`,
        `      </target>`,
        `    </memory>`,
      );
    }
  }
  lines.push(`  </devices>`, `</domain>`);
  const text = lines.join('\n') + '\n';
  const pl = point ? point.line : 2;
  // Edit inside the path (or the slots value when there are no devices); hover on the same place.
  const lineText = lines[pl];
  const col = Math.max(0, lineText.indexOf('.img'));
  return { text, devices: count, lines: lines.length, points: { edit: { line: pl, character: col }, hover: { line: pl, character: col - 2 } } };
}

/** Inputs meant to break a scanner: each must still be answered quickly. */
export function pathological() {
  const out = [];
  // 1. One 1 MB line: a single invocation with ~9,000 backend/device pairs.
  {
    let s = 'qemu-system-x86_64 -machine pc,nvdimm=on -m 1G,slots=256,maxmem=1T';
    for (let i = 0; s.length < 1 << 20; i++) {
      s += ` -object memory-backend-file,id=m${i},share=on,mem-path=/p/${i},size=1G -device nvdimm,id=n${i},memdev=m${i}`;
    }
    out.push({ name: '1 MB line', text: s + '\n', point: { line: 0, character: 120 } });
  }
  // 2. 100k continuation lines: one invocation spread over 100,000 lines.
  {
    const l = ['qemu-system-x86_64 -machine pc,nvdimm=on -m 1G,slots=256,maxmem=1T \\'];
    for (let i = 0; l.length < 100_000; i++) {
      // Under the default 5 MiB qemuPmem.maxFileSize, so it is analysed, not skipped.
      l.push(`  -object memory-backend-ram,id=c${i},size=1M \\`);
      l.push(`  -device virtio-pmem-pci,memdev=c${i} \\`);
    }
    l.push('  -nographic');
    out.push({ name: '100k continuation lines', text: l.join('\n') + '\n', point: { line: 50_001, character: 20 } });
  }
  // 3. 50k unclosed quotes: every line opens a quote the next line's quote closes,
  // so words (and invocations) run across lines in ways no one intended.
  {
    const l = ['#!/bin/bash'];
    for (let i = 0; i < 50_000; i++) {
      if (i % 2 === 0) l.push(`qemu-system-x86_64 -m 1G -object "memory-backend-file,id=q${i},size=1G -device 'nvdimm,memdev=q${i}`);
      else l.push(`echo "it's broken ${i} \${X:-"\$(echo '\``);
    }
    out.push({ name: '50k unclosed quotes', text: l.join('\n') + '\n', point: { line: 25_000, character: 40 } });
  }
  // 4. Deep nesting: 10,000 nested command substitutions and ${X:-...} defaults.
  {
    const depth = 10_000;
    const s = `qemu-system-x86_64 -m 1G -object memory-backend-file,id=d,size=${'$('.repeat(depth)}x${')'.repeat(depth)},mem-path=${'${X:-'.repeat(depth)}y${'}'.repeat(depth)}`;
    out.push({ name: '10k nested expansions', text: s + '\n', point: { line: 0, character: 30 } });
  }
  // 5. Deeply nested XML: a libvirt domain whose <metadata> nests 10,000 elements, before a memory device.
  {
    const depth = 10_000;
    const l = [`<domain type='kvm'>`, `  <name>deep</name>`, `  <maxMemory slots='4' unit='GiB'>64</maxMemory>`, `  <memory unit='GiB'>4</memory>`];
    l.push(`  <metadata><n:x xmlns:n="urn:x">${'<n:x>'.repeat(depth - 1)}deep${'</n:x>'.repeat(depth)}</metadata>`);
    l.push(`  <cpu><numa><cell id='0' cpus='0-3' memory='4' unit='GiB'/></numa></cpu>`, `  <devices>`);
    l.push(`    <memory model='nvdimm' access='shared'>`, `      <source><path>/var/lib/libvirt/pmem/deep.img</path></source>`);
    l.push(`      <target><size unit='GiB'>2</size><node>0</node></target>`, `    </memory>`, `  </devices>`, `</domain>`);
    out.push({ name: '10k nested XML elements', languageId: 'xml', ext: 'xml', text: l.join('\n') + '\n', point: { line: 8, character: 20 } });
  }
  // 6. A 10 MB script: twice the default qemuPmem.maxFileSize (5 MiB), skipped with one information diagnostic.
  {
    const base = launchScript(20_000).text;
    let s = '';
    while (s.length < 10 * 1024 * 1024) s += base;
    out.push({ name: '10 MB file', text: s, point: { line: 30, character: 10 } });
  }
  return out;
}
