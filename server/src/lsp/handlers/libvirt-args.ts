/** qemuPmem/libvirtArgs: the QEMU arguments libvirt would generate for a domain XML. */
import type { ServerState } from '../state';
import { requireUri } from '../validate';

export const LIBVIRT_ARGS_REQUEST = 'qemuPmem/libvirtArgs';

export function registerLibvirtArgs(state: ServerState): void {
  state.connection.onRequest(LIBVIRT_ARGS_REQUEST, (params: { uri: string }, token) =>
    state.guard<{ argv: string[] } | null>('libvirtArgs', null, () => {
      const cached = state.get(requireUri(params, true));
      const lv = cached?.analysis.libvirt;
      if (!lv?.generated) return null;
      const passthrough = lv.domain?.qemuArgs.map((w) => w.value.text) ?? [];
      return { argv: [...lv.generated.args, ...passthrough] };
    }, token),
  );
}
