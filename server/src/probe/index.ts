/**
 * Test in QEMU: the probe core shared by the extension and the CLI. Plain
 * Node (child_process without a shell, net, fs, zlib); never imports vscode.
 */
export { configCheck, resolveAccel } from './config-check';
export type {
  AccelChoice, ConfigCheckInput, ConfigResult, MemdevReport, MemoryDeviceReport, ProbeProblem,
} from './config-check';
export {
  bootProbe, predictPersistent, explainPersistence, parseGuestReport, matchGuestDevice, guestMessagesFor, KVM_GRACE_MS,
} from './boot';
export type { BootDevice, BootProbeInput, BootResult, PersistenceProps, GuestReport, GuestPmem, GuestRegion } from './boot';
export {
  findQemuBinary, kvmUsable, defaultKernel, resolveKernel, findStaticBusybox, bzImageVersion, compareKernelVersions,
} from './env';
export type { KernelChoice } from './env';
export {
  selectProbeArgs, splitOptions, flattenOptions, applyAccel, rewriteMemPaths, describeBackends, describeMemoryDevices,
  NO_ARG_OPTIONS, MEMORY_DEVICE_DRIVERS, PMEM_DRIVERS,
} from './argv';
export type { ProbeOption, SelectedArgs, DroppedArg, BackendInfo, MemoryDeviceOption, Accel } from './argv';
export { analyzeStderr, substitutePaths } from './errors';
export type { QemuMessage, StderrAnalysis, StderrContext } from './errors';
export { QmpClient, QmpError, QmpConnectionError } from './qmp';
export { PMEM_MODULES, buildInitramfs, planModules } from './initramfs';
export { extractPvhKernel } from './kernel';
export { parseQemuSize, parseQemuBool } from './size';
