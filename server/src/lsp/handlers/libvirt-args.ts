/** qemuPmem/libvirtArgs: the QEMU arguments libvirt would generate for a domain XML. */
import type { ServerState } from '../state';

export const LIBVIRT_ARGS_REQUEST = 'qemuPmem/libvirtArgs';

export function registerLibvirtArgs(state: ServerState): void {
  state.connection.onRequest(LIBVIRT_ARGS_REQUEST, (params: { uri: string }): { argv: string[] } | null =>
    state.guard('libvirtArgs', null, () => {
      const cached = state.get(params.uri);
      const lv = cached?.analysis.libvirt;
      if (!lv?.generated) return null;
      const passthrough = lv.domain?.qemuArgs.map((w) => w.value.text) ?? [];
      return { argv: [...lv.generated.args, ...passthrough] };
    }),
  );
}
