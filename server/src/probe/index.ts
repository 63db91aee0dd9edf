/**
 * Test in QEMU: the probe core shared by the extension and the CLI. Plain
 * Node (child_process, net, fs); never imports vscode.
 */
export { configCheck, resolveAccel } from './config-check';
export type {
  AccelChoice, ConfigCheckInput, ConfigResult, MemdevReport, MemoryDeviceReport, ProbeProblem,
} from './config-check';
export { bootProbe, predictPersistent, explainPersistence, parseGuestReport, matchGuestDevice } from './boot';
export type { BootDevice, BootProbeInput, BootResult, PersistenceProps, GuestReport } from './boot';
export { findQemuBinary, kvmUsable, defaultKernel, resolveKernel, findStaticBusybox, bzImageVersion } from './env';
export type { KernelChoice } from './env';
export { selectProbeArgs, splitOptions, applyAccel, rewriteMemPaths, describeBackends, describeMemoryDevices } from './argv';
export type { ProbeOption, SelectedArgs, DroppedArg, BackendInfo, MemoryDeviceOption, Accel } from './argv';
export { analyzeStderr } from './errors';
export type { QemuMessage, StderrAnalysis } from './errors';
export { QmpClient, QmpError, QmpConnectionError } from './qmp';
export { PMEM_MODULES, buildInitramfs, planModules } from './initramfs';
