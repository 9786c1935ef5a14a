// The window screen (窗口屏) above each window. Preferred: a small screen showing the display
// board's window-screen page, fed by the hall server; then the agent only forwards content.
// Serial LED controllers (vendor protocols) get their own implementation of this interface.
import type { WindowScreenContent } from '@hall/common/agent';

export interface WindowScreen {
  readonly kind: string;
  show(content: WindowScreenContent): Promise<void>;
}

/** Hands content to whoever renders it (the agent forwards it to the window-screen web page). */
export class ForwardingWindowScreen implements WindowScreen {
  readonly kind = 'web';
  constructor(private readonly forward: (content: WindowScreenContent) => void | Promise<void>) {}

  async show(content: WindowScreenContent): Promise<void> {
    await this.forward(content);
  }
}

/** For windows without a screen: accepts and forgets, so callers need no special case. */
export class NoWindowScreen implements WindowScreen {
  readonly kind = 'none';
  async show(): Promise<void> {}
}
