// USB HID devices through node-hid: POS-mode barcode scanners. node-hid is a native module,
// loaded only when a `hid:` URI is actually opened so a kiosk without one never needs it.
import type { EventEmitter } from 'node:events';
import { ReconnectingTransport, defaultBackoff, type BackoffOptions, type Link, type LinkSink } from './reconnecting.ts';

/** The slice of node-hid's HIDAsync we use; tests pass a fake. */
export interface HidDeviceLike extends EventEmitter {
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

export type HidOpener = (vendorId: number, productId: number) => Promise<HidDeviceLike>;

export const realHidOpener: HidOpener = async (vendorId, productId) => {
  const { HIDAsync } = await import('node-hid');
  return HIDAsync.open(vendorId, productId);
};

export interface HidTransportOptions {
  vendorId: number;
  productId: number;
  opener?: HidOpener;
  backoff?: BackoffOptions;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export class HidTransport extends ReconnectingTransport {
  readonly uri: string;
  readonly #options: HidTransportOptions;

  constructor(options: HidTransportOptions) {
    super(options.backoff ?? defaultBackoff);
    this.#options = options;
    this.uri = `hid:${hex4(options.vendorId)}:${hex4(options.productId)}`;
  }

  protected async connect(sink: LinkSink): Promise<Link> {
    const { vendorId, productId, opener = realHidOpener } = this.#options;
    const device = await opener(vendorId, productId);
    let closing = false;
    // Every input report arrives as one `data` chunk: report boundaries matter to HID codecs.
    device.on('data', (report: Buffer) => sink.data(report));
    device.on('error', (err: Error) => {
      if (!closing) sink.lost(err);
    });
    return {
      write: async (bytes) => {
        await device.write(Buffer.from(bytes));
      },
      close: async () => {
        closing = true;
        await device.close().catch(() => undefined);
      },
    };
  }
}
