/**
 * Pathological inputs for the bounded-cost checks (test/fuzz/cost.test.ts,
 * scripts/fuzz.mjs). Each is built on demand: some are megabytes.
 */
export interface Pathological {
  readonly name: string;
  readonly fileName: string;
  readonly make: () => string;
}

const OPT = '-object memory-backend-file,id=m,share=on,mem-path=/tmp/a.img,size=1G ';

export const PATHOLOGICAL: readonly Pathological[] = [
  {
    name: '1 MB line (one invocation)',
    fileName: 'long-line.sh',
    make: () => `qemu-system-x86_64 -machine pc,nvdimm=on ${OPT.repeat(Math.ceil((1 << 20) / OPT.length))}\n`,
  },
  {
    name: '1 MB line of one word',
    fileName: 'long-word.sh',
    make: () => `qemu-system-x86_64 -device nvdimm,${'a'.repeat(1 << 20)}\n`,
  },
  {
    name: '100k continuation lines',
    fileName: 'continuations.sh',
    make: () => `qemu-system-x86_64 \\\n${'  -device nvdimm,id=n,memdev=m \\\n'.repeat(100_000)}  -m 1G\n`,
  },
  {
    name: '50k unclosed quotes',
    fileName: 'quotes.sh',
    make: () => `qemu-system-x86_64 ${`-device "nvdimm,id='x `.repeat(50_000)}\n`,
  },
  {
    name: '50k lines with an unclosed quote each',
    fileName: 'quote-lines.sh',
    make: () => `qemu-system-x86_64 -m 1G 'x\n`.repeat(50_000),
  },
  {
    name: 'deeply nested XML (10k levels)',
    fileName: 'nested.xml',
    make: () => `<domain type='kvm'><devices>${'<memory model="nvdimm">'.repeat(10_000)}${'</memory>'.repeat(10_000)}</devices></domain>`,
  },
  {
    name: 'deeply nested XML, never closed (10k levels)',
    fileName: 'nested-open.xml',
    make: () => `<domain type='kvm'>${'<a>'.repeat(10_000)}`,
  },
  {
    name: '10 MB script of many invocations',
    fileName: 'huge.sh',
    make: () => {
      const inv = `qemu-system-x86_64 -machine pc,nvdimm=on -m 1G,slots=2,maxmem=4G ${OPT}-device nvdimm,id=nv,memdev=m\n`;
      return inv.repeat(Math.ceil((10 << 20) / inv.length));
    },
  },
  {
    name: '10 MB XML domain',
    fileName: 'huge.xml',
    make: () => {
      const dev = `<memory model='nvdimm'><source><path>/tmp/a</path></source><target><size unit='KiB'>524288</size><node>0</node></target></memory>\n`;
      return `<domain type='kvm'><maxMemory slots='16' unit='KiB'>16777216</maxMemory><memory unit='KiB'>1048576</memory><devices>\n${dev.repeat(Math.ceil((10 << 20) / dev.length))}</devices></domain>`;
    },
  },
];
