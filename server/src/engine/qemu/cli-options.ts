/**
 * DATA: every command-line option of qemu-system-x86_64 7.2 with its arity.
 *
 * Generated from the real binary (QEMU 7.2.22, Debian 1:7.2+dfsg-7+deb12u18):
 * each name from `qemu-system-x86_64 -help`, from qemu-options.hx and from
 * the binary's strings was probed with
 * `qemu-system-x86_64 -NAME -zzzinvalid -zzzinvalid2`: QEMU's first option
 * pass then reports "-NAME: invalid option" (unknown), "-zzzinvalid:
 * invalid option" (takes no argument) or "-zzzinvalid2: invalid option"
 * (takes one). Options of other targets (ppc64 -prom-env and -g, arm
 * -old-param, -semihosting*) are known to the x86 binary too (same arity)
 * but refused there with "Option not supported for this target".
 * qemu-system-aarch64 / -ppc64 are not installed here; their tables come
 * from the same qemu-options.hx, so the arity is the same.
 *
 * Not options: -memory (the help's "-m[emory]" is only -m), -sdl, -curses,
 * -soundhw, -watchdog, -enable-fips, -alt-grab, -ctrl-grab, -no-quit,
 * -realtime, -tb-size, -writeconfig (all removed before 7.2).
 */
import type { CliOptionInfo } from '../kb/types';

export const CLI_OPTIONS: readonly CliOptionInfo[] = [
  { name: 'D', hasArg: true },
  { name: 'L', hasArg: true },
  { name: 'M', hasArg: true, canonical: 'machine', doc: "Shorthand for `-machine`." },
  { name: 'S', hasArg: false, doc: "Does not start the CPUs at startup; continue with the monitor command `cont`." },
  { name: 'accel', hasArg: true, doc: "Selects an accelerator: `-accel [accel=]kvm|tcg|xen|...[,prop=value[,...]]`." },
  { name: 'acpitable', hasArg: true },
  { name: 'action', hasArg: true },
  { name: 'add-fd', hasArg: true },
  { name: 'append', hasArg: true, doc: "The kernel command line (with `-kernel`)." },
  { name: 'async-teardown', hasArg: false },
  { name: 'audio', hasArg: true },
  { name: 'audio-help', hasArg: false },
  { name: 'audiodev', hasArg: true },
  { name: 'bios', hasArg: true, doc: "Sets the firmware (BIOS/UEFI) image file. On arm `virt`, NVDIMM needs UEFI firmware loaded (it creates the ACPI GED device)." },
  { name: 'blockdev', hasArg: true },
  { name: 'boot', hasArg: true },
  { name: 'cdrom', hasArg: true },
  { name: 'chardev', hasArg: true },
  { name: 'chroot', hasArg: true },
  { name: 'compat', hasArg: true },
  { name: 'cpu', hasArg: true, doc: "Selects the CPU model (`-cpu help` lists them)." },
  { name: 'd', hasArg: true },
  { name: 'daemonize', hasArg: false },
  { name: 'debugcon', hasArg: true },
  { name: 'device', hasArg: true, doc: "Adds a device: `-device driver[,prop=value[,...]]` (QemuOpts syntax), or JSON when the argument starts with `{`. Persistent-memory devices: `nvdimm`, `virtio-pmem-pci`." },
  { name: 'dfilter', hasArg: true },
  { name: 'display', hasArg: true, doc: "Selects the display backend: `-display none|gtk|sdl|vnc=...|curses|egl-headless|dbus|spice-app[,...]`." },
  { name: 'drive', hasArg: true, doc: "Defines a block drive: `-drive [file=file][,if=type][,format=f][,...]`." },
  { name: 'dtb', hasArg: true },
  { name: 'dump-vmstate', hasArg: true },
  { name: 'echr', hasArg: true },
  { name: 'enable-kvm', hasArg: false, doc: "Enables KVM full virtualization (same as `-accel kvm`)." },
  { name: 'enable-sync-profile', hasArg: false },
  { name: 'fda', hasArg: true },
  { name: 'fdb', hasArg: true },
  { name: 'fsdev', hasArg: true },
  { name: 'full-screen', hasArg: false },
  { name: 'fw_cfg', hasArg: true },
  { name: 'g', hasArg: true, doc: "Not available in qemu-system-x86_64 (\"Option not supported for this target\")." },
  { name: 'gdb', hasArg: true },
  { name: 'global', hasArg: true },
  { name: 'h', hasArg: false, canonical: 'help', doc: "Shorthand for `-help`." },
  { name: 'hda', hasArg: true },
  { name: 'hdb', hasArg: true },
  { name: 'hdc', hasArg: true },
  { name: 'hdd', hasArg: true },
  { name: 'help', hasArg: false, doc: "Prints the help text and exits." },
  { name: 'icount', hasArg: true },
  { name: 'incoming', hasArg: true },
  { name: 'initrd', hasArg: true, doc: "Uses this file as the initial RAM disk (with `-kernel`)." },
  { name: 'iscsi', hasArg: true },
  { name: 'k', hasArg: true },
  { name: 'kernel', hasArg: true, doc: "Boots this Linux kernel image directly (bzImage on x86)." },
  { name: 'loadvm', hasArg: true },
  { name: 'm', hasArg: true, doc: "Guest RAM: `-m [size=]megs[,slots=n,maxmem=size]`. A suffix-less `size` means MiB; a suffix-less `maxmem` means bytes. `slots` and `maxmem` enable memory hotplug (NVDIMM needs both; virtio-pmem needs `maxmem`)." },
  { name: 'machine', hasArg: true, doc: "Selects the emulated machine and sets machine properties: `-machine [type=]name[,prop=value[,...]]` (keyval syntax: no short-form booleans). PMEM-relevant properties: `nvdimm=on|off` (x86 default off), `nvdimm-persistence=cpu|mem-ctrl`, `memory-backend=id`." },
  { name: 'mem-path', hasArg: true, doc: "Backs guest RAM with a file created in this directory (or this file); a memory backend via `-machine memory-backend=` is the modern form." },
  { name: 'mem-prealloc', hasArg: false, doc: "Preallocates guest RAM (with `-mem-path`)." },
  { name: 'mon', hasArg: true },
  { name: 'monitor', hasArg: true },
  { name: 'msg', hasArg: true },
  { name: 'mtdblock', hasArg: true },
  { name: 'name', hasArg: true },
  { name: 'net', hasArg: true },
  { name: 'netdev', hasArg: true },
  { name: 'nic', hasArg: true },
  { name: 'no-acpi', hasArg: false, doc: "Disables ACPI. x86 NVDIMM needs ACPI (memory hotplug), so NVDIMM devices fail with this option." },
  { name: 'no-fd-bootchk', hasArg: false },
  { name: 'no-hpet', hasArg: false },
  { name: 'no-reboot', hasArg: false },
  { name: 'no-shutdown', hasArg: false },
  { name: 'no-user-config', hasArg: false },
  { name: 'nodefaults', hasArg: false, doc: "Creates no default devices (serial, parallel, monitor, VGA, network, floppy, CD-ROM)." },
  { name: 'nographic', hasArg: false, doc: "Disables graphical output and redirects the serial port and the monitor to the console." },
  { name: 'numa', hasArg: true, doc: "Defines NUMA topology: `-numa node[,memdev=id][,cpus=a-b][,nodeid=n][,initiator=n]`, `-numa dist,src=a,dst=b,val=d`, `-numa cpu,...`, `-numa hmat-lb,...`, `-numa hmat-cache,...`." },
  { name: 'object', hasArg: true, doc: "Creates a user-creatable object such as a memory backend: `-object memory-backend-file,id=mem1,mem-path=FILE,size=SIZE,share=on` (QemuOpts syntax), or JSON when the argument starts with `{`." },
  { name: 'old-param', hasArg: false, doc: "Not available in qemu-system-x86_64 (\"Option not supported for this target\")." },
  { name: 'only-migratable', hasArg: false },
  { name: 'option-rom', hasArg: true },
  { name: 'overcommit', hasArg: true },
  { name: 'parallel', hasArg: true },
  { name: 'pflash', hasArg: true },
  { name: 'pidfile', hasArg: true },
  { name: 'plugin', hasArg: true },
  { name: 'portrait', hasArg: false },
  { name: 'preconfig', hasArg: false },
  { name: 'prom-env', hasArg: true, doc: "Not available in qemu-system-x86_64 (\"Option not supported for this target\")." },
  { name: 'qmp', hasArg: true, doc: "Opens a QMP (JSON) monitor on a character device, e.g. `-qmp stdio` or `-qmp unix:/path,server=on,wait=off`." },
  { name: 'qmp-pretty', hasArg: true },
  { name: 'qtest', hasArg: true },
  { name: 'qtest-log', hasArg: true },
  { name: 'readconfig', hasArg: true },
  { name: 'rotate', hasArg: true },
  { name: 'rtc', hasArg: true },
  { name: 'runas', hasArg: true },
  { name: 's', hasArg: false },
  { name: 'sandbox', hasArg: true },
  { name: 'sd', hasArg: true },
  { name: 'seed', hasArg: true },
  { name: 'semihosting', hasArg: false, doc: "Not available in qemu-system-x86_64 (\"Option not supported for this target\")." },
  { name: 'semihosting-config', hasArg: true, doc: "Not available in qemu-system-x86_64 (\"Option not supported for this target\")." },
  { name: 'serial', hasArg: true, doc: "Redirects the first serial port to a character device, e.g. `-serial stdio`." },
  { name: 'set', hasArg: true },
  { name: 'singlestep', hasArg: false },
  { name: 'smbios', hasArg: true },
  { name: 'smp', hasArg: true, doc: "Sets the number of CPUs and the topology: `-smp [cpus=]n[,maxcpus=n][,sockets=n][,dies=n][,clusters=n][,cores=n][,threads=n]`." },
  { name: 'snapshot', hasArg: false },
  { name: 'spice', hasArg: true },
  { name: 'tpmdev', hasArg: true },
  { name: 'trace', hasArg: true },
  { name: 'usb', hasArg: false },
  { name: 'usbdevice', hasArg: true },
  { name: 'uuid', hasArg: true },
  { name: 'version', hasArg: false, doc: "Prints the version and exits." },
  { name: 'vga', hasArg: true },
  { name: 'virtfs', hasArg: true },
  { name: 'vnc', hasArg: true },
  { name: 'watchdog-action', hasArg: true },
  { name: 'win2k-hack', hasArg: false },
  { name: 'xen-attach', hasArg: false },
  { name: 'xen-domid', hasArg: true },
  { name: 'xen-domid-restrict', hasArg: false },];

/** Options QEMU refuses on x86 ("Option not supported for this target"), by the targets that have them. */
export const CLI_OPTION_TARGETS: Readonly<Record<string, readonly string[]>> = {
  'prom-env': ['ppc64'],
  g: ['ppc64'],
  'old-param': ['aarch64'],
  semihosting: ['aarch64'],
  'semihosting-config': ['aarch64'],
};

const BY_NAME: ReadonlyMap<string, CliOptionInfo> = new Map(CLI_OPTIONS.map((o) => [o.name, o]));

/** The option named `name` (without dashes), or undefined when QEMU does not know it. */
export function cliOption(name: string): CliOptionInfo | undefined {
  return BY_NAME.get(name);
}

/** The canonical name of an option ("M" → "machine"); the name itself when it has no alias. */
export function canonicalOptionName(name: string): string {
  return BY_NAME.get(name)?.canonical ?? name;
}
