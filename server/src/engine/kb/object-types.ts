/**
 * Every user-creatable `-object` type of `qemu-system-x86_64` 7.2 (Debian
 * build), exactly as `qemu-system-x86_64 -object help` lists them.
 *
 * Note: QEMU's QAPI schema also knows `memory-backend-epc` (SGX), but the
 * Debian build does not include the QOM type (`invalid object type`), so it
 * is not listed here; see `MEMORY_BACKEND_EPC` in backends.ts.
 */

export interface ObjectTypeNameInfo {
  readonly name: string;
  /** A `memory-backend-*` type, usable as `memdev=`. */
  readonly memoryBackend?: boolean;
}

export const X86_64_OBJECT_TYPES: readonly ObjectTypeNameInfo[] = [
  { name: 'authz-list' },
  { name: 'authz-list-file' },
  { name: 'authz-simple' },
  { name: 'can-bus' },
  { name: 'can-host-socketcan' },
  { name: 'colo-compare' },
  { name: 'cryptodev-backend' },
  { name: 'cryptodev-backend-builtin' },
  { name: 'cryptodev-vhost-user' },
  { name: 'dbus-vmstate' },
  { name: 'filter-buffer' },
  { name: 'filter-dump' },
  { name: 'filter-mirror' },
  { name: 'filter-redirector' },
  { name: 'filter-replay' },
  { name: 'filter-rewriter' },
  { name: 'input-barrier' },
  { name: 'input-linux' },
  { name: 'iothread' },
  { name: 'main-loop' },
  { name: 'memory-backend-file', memoryBackend: true },
  { name: 'memory-backend-memfd', memoryBackend: true },
  { name: 'memory-backend-ram', memoryBackend: true },
  { name: 'pr-manager-helper' },
  { name: 'qtest' },
  { name: 'rng-builtin' },
  { name: 'rng-egd' },
  { name: 'rng-random' },
  { name: 'secret' },
  { name: 'secret_keyring' },
  { name: 'sev-guest' },
  { name: 'thread-context' },
  { name: 'throttle-group' },
  { name: 'tls-cipher-suites' },
  { name: 'tls-creds-anon' },
  { name: 'tls-creds-psk' },
  { name: 'tls-creds-x509' },
  { name: 'x-remote-object' },
];
