// `file:./dir`: each write becomes one file. Drivers write one job per call, so a demo kiosk
// without a printer leaves one .bin file per ticket to look at.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReconnectingTransport, defaultBackoff, type Link } from './reconnecting.ts';

export class FileTransport extends ReconnectingTransport {
  readonly uri: string;
  override readonly readable = false;
  readonly #dir: string;
  readonly #extension: string;
  #sequence = 0;

  constructor(options: { dir: string; extension?: string }) {
    super(defaultBackoff);
    this.#dir = options.dir;
    this.#extension = options.extension ?? 'bin';
    this.uri = `file:${options.dir}`;
  }

  /** The path the next write goes to; changes after every write. */
  nextPath(now = new Date()): string {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    return join(this.#dir, `${stamp}-${String(this.#sequence).padStart(4, '0')}.${this.#extension}`);
  }

  protected async connect(): Promise<Link> {
    await mkdir(this.#dir, { recursive: true });
    return {
      write: async (bytes) => {
        const path = this.nextPath();
        this.#sequence++;
        await writeFile(path, bytes);
      },
      close: async () => undefined,
    };
  }
}
