/**
 * The differential corpus: command lines generated deterministically from a
 * small set of building blocks. Every rule's triggering case sits next to its
 * nearest accepted neighbour, then every base configuration is crossed with
 * machine type and option syntax, and finally pairs of mutations are combined.
 *
 * `@D@` in an argument stands for the case's private directory; the runner
 * creates `files` (sparse, with the given sizes) and `dirs` in it before the
 * case is analysed and run.
 */

export interface HazardProbe {
  /** The guest-physical address the probe writes 0xdeadbeef to. */
  readonly addr: number;
  /** The device whose memory the address must fall into (checked with query-memory-devices). */
  readonly deviceId: string;
  /** Where the bytes should land: a file (first 4 bytes), a directory (any file in it) or nowhere (RAM). */
  readonly target: { file: string } | { dir: string } | { none: true };
}

export interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly files?: Readonly<Record<string, number>>;
  readonly dirs?: readonly string[];
  readonly hazard?: HazardProbe;
}

const M = 1024 * 1024;
const FIRST = 0x100000000;

type Args = string[];
interface Base {
  readonly name: string;
  readonly args: Args;
  readonly files?: Record<string, number>;
  readonly dirs?: string[];
}

const file = (id: string, name: string, size: string, extra = '') =>
  `memory-backend-file,id=${id},mem-path=@D@/${name},size=${size}${extra}`;

/** A working NVDIMM setup on machine `m` (with nvdimm=on). */
function nvdimmBase(machine: string, opts: { label?: string; json?: boolean } = {}): Base {
  const dev = opts.json
    ? `{"driver":"nvdimm","id":"nv1","memdev":"mem1"${opts.label ? `,"label-size":${opts.label === '128K' ? 131072 : JSON.stringify(opts.label)}` : ''}}`
    : `nvdimm,id=nv1,memdev=mem1${opts.label ? `,label-size=${opts.label}` : ''}`;
  const obj = opts.json
    ? `{"qom-type":"memory-backend-file","id":"mem1","mem-path":"@D@/a.img","size":${128 * M},"share":true}`
    : file('mem1', 'a.img', '128M', ',share=on');
  return {
    name: `nvdimm/${machine}${opts.label ? '/label' : ''}${opts.json ? '/json' : ''}`,
    args: ['-machine', `${machine},nvdimm=on`, '-m', '128M,slots=2,maxmem=1G', '-object', obj, '-device', dev],
    files: { 'a.img': 128 * M },
  };
}

function vpmemBase(machine: string, json = false): Base {
  const dev = json ? `{"driver":"virtio-pmem-pci","id":"vp1","memdev":"mem1"}` : 'virtio-pmem-pci,id=vp1,memdev=mem1';
  return {
    name: `vpmem/${machine}${json ? '/json' : ''}`,
    args: ['-machine', machine, '-m', '128M,maxmem=1G', '-object', file('mem1', 'a.img', '128M', ',share=on'), '-device', dev],
    files: { 'a.img': 128 * M },
  };
}

/** Replaces the argument after the first occurrence of `flag` whose argument matches `match`. */
function swap(args: Args, flag: string, match: RegExp | string, value: string | null): Args {
  const out = [...args];
  for (let i = 0; i < out.length - 1; i++) {
    if (out[i] !== flag) continue;
    const hit = typeof match === 'string' ? out[i + 1].includes(match) : match.test(out[i + 1]);
    if (!hit) continue;
    if (value === null) out.splice(i, 2);
    else out[i + 1] = value;
    return out;
  }
  throw new Error(`corpus: no ${flag} matching ${String(match)} in ${args.join(' ')}`);
}

/** Edits the argument of an option with a function. */
function edit(args: Args, flag: string, match: RegExp | string, f: (s: string) => string): Args {
  const i = args.findIndex((a, k) => a === flag && k + 1 < args.length && (typeof match === 'string' ? args[k + 1].includes(match) : match.test(args[k + 1])));
  if (i < 0) throw new Error(`corpus: no ${flag} matching ${String(match)}`);
  const out = [...args];
  out[i + 1] = f(out[i + 1]);
  return out;
}

type Mutation = { name: string; apply: (b: Base) => Base };
const mut = (name: string, f: (a: Args) => Args, files?: Record<string, number>, dirs?: string[]): Mutation => ({
  name,
  apply: (b) => ({ name: `${b.name}+${name}`, args: f(b.args), files: { ...(b.files ?? {}), ...(files ?? {}) }, dirs: [...(b.dirs ?? []), ...(dirs ?? [])] }),
});

const machineKv = (f: (s: string) => string) => (a: Args) => edit(a, '-machine', /./, f);
const memKv = (v: string) => (a: Args) => swap(a, '-m', /./, v);
const devKv = (f: (s: string) => string) => (a: Args) => edit(a, '-device', /./, f);
const objKv = (f: (s: string) => string) => (a: Args) => edit(a, '-object', /./, f);
const add = (...extra: string[]) => (a: Args) => [...a, ...extra];

/** Mutations of the key=value NVDIMM base: each is a rule trigger or its accepted neighbour. */
const NVDIMM_MUTATIONS: Mutation[] = [
  // machine
  mut('no-nvdimm-on', machineKv((s) => s.replace(',nvdimm=on', ''))),
  mut('nvdimm-off', machineKv((s) => s.replace('nvdimm=on', 'nvdimm=off'))),
  mut('nvdimm-bare', machineKv((s) => s.replace('nvdimm=on', 'nvdimm'))),
  mut('nvdimm-yes', machineKv((s) => s.replace('nvdimm=on', 'nvdimm=yes'))),
  mut('nvdimm-ON', machineKv((s) => s.replace('nvdimm=on', 'nvdimm=ON'))),
  mut('nvdimm-1', machineKv((s) => s.replace('nvdimm=on', 'nvdimm=1'))),
  mut('no-acpi', add('-no-acpi')),
  mut('acpi-off', machineKv((s) => s + ',acpi=off')),
  mut('acpi-on', machineKv((s) => s + ',acpi=on')),
  mut('persistence-cpu', machineKv((s) => s + ',nvdimm-persistence=cpu')),
  mut('persistence-mem-ctrl', machineKv((s) => s + ',nvdimm-persistence=mem-ctrl')),
  mut('persistence-cache', machineKv((s) => s + ',nvdimm-persistence=cache')),
  mut('persistence-CPU', machineKv((s) => s + ',nvdimm-persistence=CPU')),
  mut('machine-foo', machineKv((s) => s + ',foo=1')),
  mut('no-machine', (a) => swap(a, '-machine', /./, null)),
  // -m
  mut('no-slots', memKv('128M,maxmem=1G')),
  mut('slots-0', memKv('128M,slots=0,maxmem=1G')),
  mut('slots-256', memKv('128M,slots=256,maxmem=1G')),
  mut('slots-257', memKv('128M,slots=257,maxmem=1G')),
  mut('slots-abc', memKv('128M,slots=abc,maxmem=1G')),
  mut('no-maxmem', memKv('128M,slots=2')),
  mut('no-slots-no-maxmem', memKv('128M')),
  mut('maxmem-eq-size', memKv('128M,slots=2,maxmem=128M')),
  mut('maxmem-below', memKv('512M,slots=2,maxmem=256M')),
  mut('maxmem-bytes-trap', memKv('128,slots=2,maxmem=1024')),
  mut('maxmem-mib-ok', memKv('128,slots=2,maxmem=1024M')),
  mut('maxmem-unaligned', memKv('128M,slots=2,maxmem=1073741825')),
  mut('maxmem-aligned-bytes', memKv('128M,slots=2,maxmem=1073745920')),
  mut('maxmem-exact', memKv('128M,slots=2,maxmem=256M')),
  mut('maxmem-short', memKv('128M,slots=2,maxmem=255M')),
  mut('m-512MB', memKv('512MB,slots=2,maxmem=1G')),
  mut('m-1.5G', memKv('1.5G,slots=2,maxmem=3G')),
  mut('m-foo', memKv('128M,slots=2,maxmem=1G,foo=1')),
  mut('m-size-key', memKv('size=128M,slots=2,maxmem=1G')),
  mut('m-two', (a) => [...memKv('128M,slots=2')(a), '-m', 'maxmem=1G']),
  // device properties
  mut('label-64K', devKv((s) => s + ',label-size=64K')),
  mut('label-0', devKv((s) => s + ',label-size=0')),
  mut('label-128K', devKv((s) => s + ',label-size=128K')),
  mut('label-131073', devKv((s) => s + ',label-size=131073')),
  mut('label-abc', devKv((s) => s + ',label-size=abc')),
  mut('label-256KB', devKv((s) => s + ',label-size=256KB')),
  mut('label-eq-size', devKv((s) => s + ',label-size=128M')),
  mut('uuid-bad', devKv((s) => s + ',uuid=not-a-uuid')),
  mut('uuid-ok', devKv((s) => s + ',uuid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')),
  mut('slot-0', devKv((s) => s + ',slot=0')),
  mut('slot-1', devKv((s) => s + ',slot=1')),
  mut('slot-2', devKv((s) => s + ',slot=2')),
  mut('slot-minus1', devKv((s) => s + ',slot=-1')),
  mut('slot-minus2', devKv((s) => s + ',slot=-2')),
  mut('node-0', devKv((s) => s + ',node=0')),
  mut('node-1', devKv((s) => s + ',node=1')),
  mut('node-1-numa2', (a) => add('-object', 'memory-backend-ram,id=r0,size=64M', '-numa', 'node,nodeid=0,memdev=r0', '-object', 'memory-backend-ram,id=r1,size=64M', '-numa', 'node,nodeid=1,memdev=r1')(devKv((s) => s + ',node=1')(a))),
  mut('node-2-numa2', (a) => add('-object', 'memory-backend-ram,id=r0,size=64M', '-numa', 'node,nodeid=0,memdev=r0', '-object', 'memory-backend-ram,id=r1,size=64M', '-numa', 'node,nodeid=1,memdev=r1')(devKv((s) => s + ',node=2')(a))),
  mut('policy-interleave', objKv((s) => s + ',policy=interleave')),
  mut('host-nodes-only', objKv((s) => s + ',host-nodes=0')),
  mut('slot-abc', devKv((s) => s + ',slot=abc')),
  mut('addr-abc', devKv((s) => s + ',addr=abc')),
  mut('uuid-zero', devKv((s) => s + ',uuid=00000000-0000-0000-0000-000000000000')),
  mut('addr-first', devKv((s) => s + ',addr=0x100000000')),
  mut('addr-unaligned', devKv((s) => s + ',addr=0x100000800')),
  mut('addr-low', devKv((s) => s + ',addr=0x1000')),
  mut('addr-high', devKv((s) => s + ',addr=0x200000000')),
  mut('addr-window-end', devKv((s) => s + ',addr=0x178000000')),
  mut('addr-past-window', devKv((s) => s + ',addr=0x1b8001000')),
  mut('size-prop', devKv((s) => s + ',size=128M')),
  mut('memaddr-prop', devKv((s) => s + ',memaddr=0x100000000')),
  mut('foo-prop', devKv((s) => s + ',foo=1')),
  mut('unarmed-on', devKv((s) => s + ',unarmed=on')),
  mut('unarmed-bare', devKv((s) => s + ',unarmed')),
  mut('no-memdev', devKv((s) => s.replace(',memdev=mem1', ''))),
  mut('memdev-nope', devKv((s) => s.replace('memdev=mem1', 'memdev=nope'))),
  mut('memdev-iothread', (a) => add('-object', 'iothread,id=io1')(devKv((s) => s.replace('memdev=mem1', 'memdev=io1'))(a))),
  mut('driver-typo', devKv((s) => s.replace('nvdimm,', 'nvdimmm,'))),
  mut('driver-key', devKv((s) => 'driver=' + s)),
  mut('dev-id-bad', devKv((s) => s.replace('id=nv1', 'id=1nv'))),
  mut('dev-id-dot', devKv((s) => s.replace('id=nv1', 'id=nv.1'))),
  mut('device-first', (a) => {
    const i = a.indexOf('-device');
    const rest = a.filter((_, k) => k !== i && k !== i + 1);
    const j = rest.indexOf('-object');
    return [...rest.slice(0, j), '-device', a[i + 1], ...rest.slice(j)];
  }),
  // second device
  mut('second-nvdimm', add('-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv2,memdev=mem2'), { 'b.img': 128 * M }),
  mut('second-nvdimm-same-slot', (a) => add('-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv2,memdev=mem2,slot=0')(devKv((s) => s + ',slot=0')(a)), { 'b.img': 128 * M }),
  mut('second-nvdimm-other-slot', (a) => add('-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv2,memdev=mem2,slot=1')(devKv((s) => s + ',slot=0')(a)), { 'b.img': 128 * M }),
  mut('second-nvdimm-same-addr', (a) => add('-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv2,memdev=mem2,addr=0x100000000')(devKv((s) => s + ',addr=0x100000000')(a)), { 'b.img': 128 * M }),
  mut('second-nvdimm-next-addr', (a) => add('-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv2,memdev=mem2,addr=0x108000000')(devKv((s) => s + ',addr=0x100000000')(a)), { 'b.img': 128 * M }),
  mut('second-nvdimm-overlap', (a) => add('-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv2,memdev=mem2,addr=0x104000000')(devKv((s) => s + ',addr=0x100000000')(a)), { 'b.img': 128 * M }),
  mut('third-nvdimm-no-slot', add('-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv2,memdev=mem2', '-object', file('mem3', 'c.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv3,memdev=mem3'), { 'b.img': 128 * M, 'c.img': 128 * M }),
  mut('busy-memdev', add('-device', 'nvdimm,id=nv2,memdev=mem1')),
  mut('busy-memdev-vpmem', add('-device', 'virtio-pmem-pci,id=vp2,memdev=mem1')),
  mut('busy-memdev-numa', add('-numa', 'node,memdev=mem1')),
  mut('same-file-two-backends', add('-object', file('mem2', 'a.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv2,memdev=mem2')),
  mut('dup-device-id', add('-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv1,memdev=mem2'), { 'b.img': 128 * M }),
  // backend
  mut('readonly', objKv((s) => s + ',readonly=on')),
  mut('readonly-unarmed', (a) => devKv((s) => s + ',unarmed=on')(objKv((s) => s + ',readonly=on')(a))),
  mut('share-off', objKv((s) => s.replace('share=on', 'share=off'))),
  mut('share-bare', objKv((s) => s.replace('share=on', 'share'))),
  mut('share-ON', objKv((s) => s.replace('share=on', 'share=ON'))),
  mut('share-1', objKv((s) => s.replace('share=on', 'share=1'))),
  mut('share-dup', objKv((s) => s + ',share=off')),
  mut('obj-no-id', objKv((s) => s.replace('id=mem1,', ''))),
  mut('obj-id-bad', (a) => devKv((s) => s.replace('memdev=mem1', 'memdev=1mem'))(objKv((s) => s.replace('id=mem1', 'id=1mem'))(a))),
  mut('obj-id-dup-key', objKv((s) => s.replace('id=mem1', 'id=mem1,id=mem2'))),
  mut('obj-id-dup-key-2', (a) => devKv((s) => s.replace('memdev=mem1', 'memdev=mem2'))(objKv((s) => s.replace('id=mem1', 'id=mem1,id=mem2'))(a))),
  mut('obj-pc-ram', (a) => devKv((s) => s.replace('memdev=mem1', 'memdev=pc.ram'))(objKv((s) => s.replace('id=mem1', 'id=pc.ram'))(a))),
  mut('obj-no-size', objKv((s) => s.replace(',size=128M', ''))),
  mut('obj-size-0', objKv((s) => s.replace('size=128M', 'size=0'))),
  mut('obj-size-MB', objKv((s) => s.replace('size=128M', 'size=128MB'))),
  mut('obj-size-MiB', objKv((s) => s.replace('size=128M', 'size=128MiB'))),
  mut('obj-size-neg', objKv((s) => s.replace('size=128M', 'size=-1'))),
  mut('obj-size-frac', objKv((s) => s.replace('size=128M', 'size=0.125G'))),
  mut('obj-size-hex', objKv((s) => s.replace('size=128M', 'size=0x8000000'))),
  mut('obj-size-hex-suffix', objKv((s) => s.replace('size=128M', 'size=0x80M'))),
  mut('obj-size-bytes', objKv((s) => s.replace('size=128M', 'size=134217728'))),
  mut('obj-no-mem-path', objKv((s) => s.replace(/,mem-path=[^,]*/, ''))),
  mut('obj-foo', objKv((s) => s + ',foo=1')),
  mut('obj-type-typo', objKv((s) => s.replace('memory-backend-file', 'memory-backend-files'))),
  mut('obj-rom', objKv((s) => s + ',rom=on')),
  mut('obj-offset', objKv((s) => s + ',offset=0')),
  mut('align-1K', objKv((s) => s + ',align=1K')),
  mut('align-3M', objKv((s) => s + ',align=3M')),
  mut('align-2M', objKv((s) => s + ',align=2M')),
  mut('align-64M', objKv((s) => s + ',align=64M')),
  mut('align-2M-label', (a) => devKv((s) => s + ',label-size=128K')(objKv((s) => s + ',align=2M')(a))),
  mut('prealloc-noreserve', objKv((s) => s + ',prealloc=on,reserve=off')),
  mut('prealloc-on', objKv((s) => s + ',prealloc=on')),
  mut('reserve-off', objKv((s) => s + ',reserve=off')),
  mut('policy-bind', objKv((s) => s + ',policy=bind')),
  mut('policy-bind-nodes', objKv((s) => s + ',policy=bind,host-nodes=0')),
  mut('policy-preferred', objKv((s) => s + ',policy=preferred')),
  mut('discard-data', objKv((s) => s + ',discard-data=on')),
  mut('pmem-on', objKv((s) => s + ',pmem=on')),
  mut('pmem-on-share-off', objKv((s) => s.replace('share=on', 'share=off') + ',pmem=on')),
  mut('dump-off', objKv((s) => s + ',dump=off')),
  mut('merge-off', objKv((s) => s + ',merge=off')),
  // backend types
  mut('ram-backend', objKv(() => 'memory-backend-ram,id=mem1,size=128M')),
  mut('ram-mem-path', objKv(() => 'memory-backend-ram,id=mem1,size=128M,mem-path=/tmp/x.img')),
  mut('memfd-backend', objKv(() => 'memory-backend-memfd,id=mem1,size=128M')),
  mut('memfd-pmem', objKv(() => 'memory-backend-memfd,id=mem1,size=128M,pmem=on')),
  mut('memfd-seal-off', objKv(() => 'memory-backend-memfd,id=mem1,size=128M,seal=off')),
  // host
  mut('file-smaller', objKv((s) => s.replace('a.img', 'small.img')), { 'small.img': 100 * M }),
  mut('file-larger', objKv((s) => s.replace('a.img', 'big.img')), { 'big.img': 256 * M }),
  mut('file-empty', objKv((s) => s.replace('a.img', 'empty.img')), { 'empty.img': 0 }),
  mut('file-missing', objKv((s) => s.replace('a.img', 'new.img'))),
  mut('parent-missing', objKv((s) => s.replace('a.img', 'nodir/x.img'))),
  mut('mem-path-dir', objKv((s) => s.replace('@D@/a.img', '@D@/pmemdir')), undefined, ['pmemdir']),
  mut('comma-escaped', objKv((s) => s.replace('@D@/a.img', '@D@/a,,b/x.img')), { 'a,b/x.img': 128 * M }, ['a,b']),
  mut('comma-unescaped', objKv((s) => s.replace('@D@/a.img', '@D@/a,b/x.img')), { 'a,b/x.img': 128 * M }, ['a,b']),
  mut('relative-ish-dotdot', objKv((s) => s.replace('@D@/a.img', '@D@/sub/../a.img')), undefined, ['sub']),
];

/** Mutations of the virtio-pmem base. */
const VPMEM_MUTATIONS: Mutation[] = [
  mut('no-maxmem', memKv('128M')),
  mut('with-slots', memKv('128M,slots=4,maxmem=1G')),
  mut('maxmem-short', memKv('128M,maxmem=200M')),
  mut('maxmem-exact', memKv('128M,maxmem=256M')),
  mut('no-memdev', devKv((s) => s.replace(',memdev=mem1', ''))),
  mut('memdev-nope', devKv((s) => s.replace('memdev=mem1', 'memdev=nope'))),
  mut('busy', add('-device', 'virtio-pmem-pci,id=vp2,memdev=mem1')),
  mut('two-devices', add('-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', 'virtio-pmem-pci,id=vp2,memdev=mem2'), { 'b.img': 128 * M }),
  mut('size-4097', objKv((s) => s.replace('size=128M', 'size=4097')), { 'a.img': 0 }),
  mut('size-4096', objKv((s) => s.replace('size=128M', 'size=4096')), { 'a.img': 0 }),
  mut('size-129M', objKv((s) => s.replace('size=128M', 'size=129M')), { 'a.img': 129 * M }),
  mut('size-align-2M-odd', objKv((s) => s.replace('size=128M', 'size=129M') + ',align=2M'), { 'a.img': 129 * M }),
  mut('memaddr-first', devKv((s) => s + ',memaddr=0x100000000')),
  mut('memaddr-unaligned', devKv((s) => s + ',memaddr=0x100000800')),
  mut('memaddr-low', devKv((s) => s + ',memaddr=0x1000')),
  mut('addr-gpa', devKv((s) => s + ',addr=0x100000000')),
  mut('addr-pci', devKv((s) => s + ',addr=0x5')),
  mut('addr-pci-fn', devKv((s) => s + ',addr=05.0')),
  mut('label-size', devKv((s) => s + ',label-size=128K')),
  mut('node', devKv((s) => s + ',node=0')),
  mut('slot', devKv((s) => s + ',slot=0')),
  mut('uuid', devKv((s) => s + ',uuid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')),
  mut('unarmed', devKv((s) => s + ',unarmed=on')),
  mut('bare-virtio-pmem', devKv((s) => s.replace('virtio-pmem-pci', 'virtio-pmem'))),
  mut('disable-modern', devKv((s) => s + ',disable-modern=on')),
  mut('share-off', objKv((s) => s.replace('share=on', 'share=off'))),
  mut('readonly', objKv((s) => s + ',readonly=on')),
  mut('pmem-on', objKv((s) => s + ',pmem=on')),
  mut('ram-backend', objKv(() => 'memory-backend-ram,id=mem1,size=128M')),
  mut('memfd-backend', objKv(() => 'memory-backend-memfd,id=mem1,size=128M')),
  mut('ram-129M', objKv(() => 'memory-backend-ram,id=mem1,size=129M')),
  mut('memfd-129M', objKv(() => 'memory-backend-memfd,id=mem1,size=129M')),
  mut('ram-memaddr-4K', (a) => devKv((s) => s + ',memaddr=0x100001000')(objKv(() => 'memory-backend-ram,id=mem1,size=128M')(a))),
  mut('maxmem-eq-size', memKv('128M,maxmem=128M')),
  mut('addr-0x20', devKv((s) => s + ',addr=0x20')),
  mut('addr-4096', devKv((s) => s + ',addr=4096')),
  mut('nvdimm-on', machineKv((s) => s + ',nvdimm=on')),
  mut('no-acpi', add('-no-acpi')),
  mut('file-smaller', objKv((s) => s.replace('a.img', 'small.img')), { 'small.img': 100 * M }),
  mut('discard-data', objKv((s) => s + ',discard-data=on')),
  mut('mem-path-dir', objKv((s) => s.replace('@D@/a.img', '@D@/pmemdir')), undefined, ['pmemdir']),
  mut('numa-node-busy', add('-numa', 'node,memdev=mem1')),
];

/** Machine-type rows: the property, device memory, old machines. */
function machineCases(): Base[] {
  const nv = (m: string, mem = '128M,slots=2,maxmem=1G'): Base => ({
    name: `machine/${m}/${mem}`,
    args: ['-machine', m, '-m', mem, '-object', file('mem1', 'a.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv1,memdev=mem1'],
    files: { 'a.img': 128 * M },
  });
  const out: Base[] = [];
  for (const m of ['isapc', 'pc-i440fx-2.0', 'pc-i440fx-2.1', 'pc-i440fx-5.2', 'pc-q35-2.10', 'pc-q35-6.2', 'pc-i440fx-7.2', 'pc-q35-7.2']) {
    out.push(nv(`${m},nvdimm=on`));
    out.push({ name: `machine/${m}/m-only`, args: ['-machine', m, '-m', '128M,slots=2,maxmem=1G'] });
  }
  out.push({ name: 'machine/microvm-nvdimm', args: ['-machine', 'microvm,nvdimm=on', '-m', '128M'] });
  out.push({ name: 'machine/microvm-plain', args: ['-machine', 'microvm', '-m', '128M'] });
  out.push({ name: 'machine/isapc-plain', args: ['-machine', 'isapc', '-m', '128M'] });
  out.push({ name: 'machine/M-flag', args: ['-M', 'q35,nvdimm=on', '-m', '128M,slots=1,maxmem=1G', '-object', file('mem1', 'a.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv1,memdev=mem1'], files: { 'a.img': 128 * M } });
  out.push({ name: 'machine/type-key', args: ['-machine', 'type=q35,nvdimm=on', '-m', '128M,slots=1,maxmem=1G', '-object', file('mem1', 'a.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv1,memdev=mem1'], files: { 'a.img': 128 * M } });
  out.push({ name: 'machine/two-M', args: ['-M', 'q35', '-M', 'nvdimm=on', '-m', '128M,slots=1,maxmem=1G', '-object', file('mem1', 'a.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv1,memdev=mem1'], files: { 'a.img': 128 * M } });
  out.push({ name: 'machine/two-M-off-last', args: ['-M', 'q35,nvdimm=on', '-M', 'nvdimm=off', '-m', '128M,slots=1,maxmem=1G', '-object', file('mem1', 'a.img', '128M', ',share=on'), '-device', 'nvdimm,id=nv1,memdev=mem1'], files: { 'a.img': 128 * M } });
  out.push({ name: 'machine/persistence-noop', args: ['-M', 'pc,nvdimm-persistence=cpu', '-m', '128M'] });
  out.push({ name: 'machine/persistence-empty', args: ['-M', 'pc,nvdimm=on,nvdimm-persistence=', '-m', '128M'] });
  out.push({ name: 'machine/no-device-memory-slots', args: ['-M', 'pc', '-m', '128M,slots=300,maxmem=1G'] });
  out.push({ name: 'machine/slots-no-maxmem-only', args: ['-m', '128M,slots=2'] });
  out.push({ name: 'machine/m-only-ok', args: ['-m', '128M,slots=2,maxmem=1G'] });
  out.push({ name: 'machine/m-maxmem-only', args: ['-m', '128M,maxmem=1G'] });
  out.push({ name: 'machine/m-maxmem-eq', args: ['-m', '128M,maxmem=128M'] });
  return out;
}

/** JSON -object/-device rows (strict typing, duplicate keys, ids). */
function jsonCases(): Base[] {
  const mk = (name: string, obj: string, dev = '{"driver":"nvdimm","id":"nv1","memdev":"mem1"}'): Base => ({
    name: `json/${name}`,
    args: ['-machine', 'pc,nvdimm=on', '-m', '128M,slots=2,maxmem=1G', '-object', obj, '-device', dev],
    files: { 'a.img': 128 * M },
  });
  const o = (extra: string, size = String(128 * M)) => `{"qom-type":"memory-backend-file","id":"mem1","mem-path":"@D@/a.img","size":${size}${extra}}`;
  return [
    mk('ok', o(',"share":true')),
    mk('size-string', o(',"share":true', '"128M"')),
    mk('size-float', o(',"share":true', '134217728.5')),
    mk('share-string', o(',"share":"on"')),
    mk('share-false', o(',"share":false')),
    mk('dup-key', o(',"share":true,"share":false')),
    mk('malformed', o(',"share":true').slice(0, -1)),
    mk('unknown-prop', o(',"share":true,"foo":1')),
    mk('dev-id-digit', o(',"share":true'), '{"driver":"nvdimm","id":"1nv","memdev":"mem1"}'),
    mk('dev-label-string', o(',"share":true'), '{"driver":"nvdimm","id":"nv1","memdev":"mem1","label-size":"128K"}'),
    mk('dev-label-int', o(',"share":true'), '{"driver":"nvdimm","id":"nv1","memdev":"mem1","label-size":131072}'),
    mk('dev-label-small', o(',"share":true'), '{"driver":"nvdimm","id":"nv1","memdev":"mem1","label-size":65536}'),
    mk('dev-unarmed-bool', o(',"share":true'), '{"driver":"nvdimm","id":"nv1","memdev":"mem1","unarmed":true}'),
    mk('dev-foo', o(',"share":true'), '{"driver":"nvdimm","id":"nv1","memdev":"mem1","foo":1}'),
    mk('dev-dup-id', o(',"share":true'), '{"driver":"nvdimm","id":"nv1","memdev":"mem1"}'),
    mk('dev-no-memdev', o(',"share":true'), '{"driver":"nvdimm","id":"nv1"}'),
    mk('obj-dup-id-json', o(',"share":true')),
  ].map((b) =>
    b.name === 'json/dev-dup-id'
      ? { ...b, args: [...b.args, '-object', file('mem2', 'b.img', '128M', ',share=on'), '-device', '{"driver":"nvdimm","id":"nv1","memdev":"mem2"}'], files: { ...b.files, 'b.img': 128 * M } }
      : b.name === 'json/obj-dup-id-json'
        ? { ...b, args: [...b.args, '-object', `{"qom-type":"memory-backend-ram","id":"mem1","size":${128 * M}}`] }
        : b,
  );
}

/** Persistence hazards, each with a guest-write probe. */
function hazardCases(): Case[] {
  const out: Case[] = [];
  const probe = (name: string, obj: string, dev: string, target: HazardProbe['target'], opts: { files?: Record<string, number>; dirs?: string[]; machine?: string; mem?: string } = {}) =>
    out.push({
      name: `hazard/${name}`,
      args: ['-machine', opts.machine ?? 'pc,nvdimm=on', '-m', opts.mem ?? '128M,slots=2,maxmem=1G', '-object', obj, '-device', dev, '-device', `loader,addr=0x${FIRST.toString(16)},data=0xdeadbeef,data-len=4`],
      files: opts.files ?? { 'a.img': 128 * M },
      dirs: opts.dirs,
      hazard: { addr: FIRST, deviceId: /id=([a-z0-9]+)/.exec(dev)?.[1] ?? /"id":"([^"]+)"/.exec(dev)![1], target },
    });
  const nv = 'nvdimm,id=nv1,memdev=mem1';
  const nvl = 'nvdimm,id=nv1,memdev=mem1,label-size=128K';
  const vp = 'virtio-pmem-pci,id=vp1,memdev=mem1';
  const f = { file: 'a.img' };
  for (const [dn, dev] of [['nvdimm', nv], ['nvdimm-label', nvl], ['vpmem', vp]] as const) {
    const machine = dn === 'vpmem' ? 'pc' : 'pc,nvdimm=on';
    const mem = dn === 'vpmem' ? '128M,maxmem=1G' : '128M,slots=2,maxmem=1G';
    const o = { machine, mem };
    probe(`${dn}/share-on`, file('mem1', 'a.img', '128M', ',share=on'), dev, f, o);
    probe(`${dn}/share-default`, file('mem1', 'a.img', '128M'), dev, f, o);
    probe(`${dn}/share-off`, file('mem1', 'a.img', '128M', ',share=off'), dev, f, o);
    probe(`${dn}/share-bare`, file('mem1', 'a.img', '128M', ',share'), dev, f, o);
    probe(`${dn}/noshare`, file('mem1', 'a.img', '128M', ',noshare'), dev, f, o);
    probe(`${dn}/share-on-then-off`, file('mem1', 'a.img', '128M', ',share=on,share=off'), dev, f, o);
    probe(`${dn}/share-off-then-on`, file('mem1', 'a.img', '128M', ',share=off,share=on'), dev, f, o);
    probe(`${dn}/share-yes`, file('mem1', 'a.img', '128M', ',share=yes'), dev, f, o);
    probe(`${dn}/discard-data`, file('mem1', 'a.img', '128M', ',share=on,discard-data=on'), dev, f, o);
    probe(`${dn}/discard-data-off`, file('mem1', 'a.img', '128M', ',share=on,discard-data=off'), dev, f, o);
    probe(`${dn}/pmem-on-share-off`, file('mem1', 'a.img', '128M', ',pmem=on'), dev, f, o);
    probe(`${dn}/pmem-on-share-on`, file('mem1', 'a.img', '128M', ',share=on,pmem=on'), dev, f, o);
    probe(`${dn}/ram`, 'memory-backend-ram,id=mem1,size=128M', dev, { none: true }, o);
    probe(`${dn}/ram-shared`, 'memory-backend-ram,id=mem1,size=128M,share=on', dev, { none: true }, o);
    probe(`${dn}/memfd`, 'memory-backend-memfd,id=mem1,size=128M', dev, { none: true }, o);
    probe(`${dn}/dir`, file('mem1', 'pmemdir', '128M', ',share=on').replace('pmemdir', 'pmemdir'), dev, { dir: 'pmemdir' }, { ...o, files: {}, dirs: ['pmemdir'] });
    probe(`${dn}/dir-share-off`, file('mem1', 'pmemdir', '128M'), dev, { dir: 'pmemdir' }, { ...o, files: {}, dirs: ['pmemdir'] });
    probe(`${dn}/missing-file-created`, file('mem1', 'a.img', '128M', ',share=on'), dev, f, { ...o, files: {} });
    probe(`${dn}/larger-file`, file('mem1', 'a.img', '128M', ',share=on'), dev, f, { ...o, files: { 'a.img': 256 * M } });
    probe(`${dn}/json-share-true`, `{"qom-type":"memory-backend-file","id":"mem1","mem-path":"@D@/a.img","size":${128 * M},"share":true}`, dev, f, o);
    probe(`${dn}/json-no-share`, `{"qom-type":"memory-backend-file","id":"mem1","mem-path":"@D@/a.img","size":${128 * M}}`, dev, f, o);
  }
  probe('nvdimm/q35-share-on', file('mem1', 'a.img', '128M', ',share=on'), nv, f, { machine: 'q35,nvdimm=on' });
  probe('nvdimm/q35-share-off', file('mem1', 'a.img', '128M'), nv, f, { machine: 'q35,nvdimm=on' });
  probe('vpmem/q35-share-on', file('mem1', 'a.img', '128M', ',share=on'), vp, f, { machine: 'q35', mem: '128M,maxmem=1G' });
  probe('vpmem/q35-share-off', file('mem1', 'a.img', '128M'), vp, f, { machine: 'q35', mem: '128M,maxmem=1G' });
  return out;
}

/** Every case, deterministic and in a stable order. */
export function generateCorpus(): Case[] {
  const bases: Base[] = [];
  const out: Case[] = [];
  const push = (b: Base) => out.push({ name: b.name, args: b.args, files: b.files, dirs: b.dirs });

  // Bases, plain.
  for (const m of ['pc', 'q35']) {
    bases.push(nvdimmBase(m));
    bases.push(nvdimmBase(m, { label: '128K' }));
    bases.push(nvdimmBase(m, { json: true }));
    bases.push(nvdimmBase(m, { json: true, label: '128K' }));
  }
  for (const b of bases) push(b);
  // Every NVDIMM mutation on pc; the machine/-m/device ones on q35 too.
  const pc = nvdimmBase('pc');
  const q35 = nvdimmBase('q35');
  const pcl = nvdimmBase('pc', { label: '128K' });
  for (const m of NVDIMM_MUTATIONS) push(m.apply(pc));
  const Q35_SET = /^(no-nvdimm-on|nvdimm-off|nvdimm-bare|no-acpi|acpi-off|persistence-cache|no-slots|slots-0|slots-257|no-maxmem|maxmem-bytes-trap|maxmem-unaligned|maxmem-short|label-64K|label-eq-size|slot-2|node-1|addr-unaligned|addr-low|addr-past-window|size-prop|no-memdev|memdev-nope|busy-memdev|readonly|readonly-unarmed|obj-size-0|align-3M|file-smaller|parent-missing|second-nvdimm-same-slot|third-nvdimm-no-slot|second-nvdimm-overlap)$/;
  for (const m of NVDIMM_MUTATIONS) if (Q35_SET.test(m.name)) push(m.apply(q35));
  // With a label: the size-related ones.
  const LABEL_SET = /^(label-eq-size|align-2M|align-64M|obj-size-hex|maxmem-exact|maxmem-short|readonly|readonly-unarmed|second-nvdimm-next-addr|file-larger|file-smaller)$/;
  for (const m of NVDIMM_MUTATIONS) if (LABEL_SET.test(m.name)) push(m.apply(pcl));
  // virtio-pmem on pc and q35.
  for (const mach of ['pc', 'q35']) {
    const b = vpmemBase(mach);
    push(b);
    for (const m of VPMEM_MUTATIONS) push(m.apply(b));
  }
  push(vpmemBase('pc', true));
  for (const b of machineCases()) push(b);
  for (const b of jsonCases()) push(b);

  // Combinations: pairs of mutations from a fixed, interleaved selection.
  const pick = NVDIMM_MUTATIONS.filter((_, i) => i % 5 === 0);
  const pick2 = NVDIMM_MUTATIONS.filter((_, i) => i % 7 === 3);
  for (let i = 0; i < pick.length; i++) {
    const a = pick[i];
    const b = pick2[(i * 3) % pick2.length];
    if (a.name === b.name) continue;
    try {
      push(b.apply(a.apply(pc)));
    } catch {
      // a mutation's anchor was removed by the other one: skip the pair
    }
  }
  out.push(...hazardCases());
  // Unique names (a mutation pair may repeat a name across machines).
  const seen = new Map<string, number>();
  return out.map((c) => {
    const n = seen.get(c.name) ?? 0;
    seen.set(c.name, n + 1);
    return n ? { ...c, name: `${c.name}#${n + 1}` } : c;
  });
}
