// `hall-devices led <action> --path /dev/ttyUSB1`: commissioning LED number displays on an
// RS-485 line from a laptop or the window PC, before the agent takes the line over (stop the
// agent first: one program per serial port).
import { SerialTransport } from '../transport/serial.ts';
import { parseDeviceUri } from '../transport/uri.ts';
import { LED_DEFAULT_BAUD, LED_DEFAULT_UNIT_ID } from './codec.ts';
import { assignUnitId, showTestPattern, unitIdRange } from './commission.ts';
import { LedBus, LedError, ledErrorMessages } from './driver.ts';

export interface LedCommandOptions {
  /** A serial path (/dev/ttyUSB1, COM3) or a `serial:` URI. */
  path: string;
  baud?: number;
  id?: number;
  newId?: number;
  newBaud?: number;
  text?: string;
  digits?: number;
  from?: number;
  to?: number;
  timeoutMs?: number;
  blink?: boolean;
}

const say = (text: string) => process.stdout.write(`${text}\n`);

export const ledUsage = `  hall-devices led scan|set-id|set-baud|show|test --path /dev/ttyUSB1 [options]
      commission LED-485 number displays (Modbus RTU) on an RS-485 line; stop the agent first
      scan:      [--from 1 --to 247] [--timeout 100]    list the unit ids that answer
      set-id:    [--id 1] --new-id 5                    one display on the line at a time
      set-baud:  --id 5 --new-baud 19200                then use the new rate with --baud
      show:      --id 5 --text A012 [--blink] [--digits 4]
      test:      --id 5 [--digits 4]                    every segment, then the display's unit id
      all:       --baud 9600 (the displays' default)`;

export async function runLedCommand(action: string | undefined, options: LedCommandOptions): Promise<number> {
  const uri = options.path.startsWith('serial:') ? parseDeviceUri(options.path) : null;
  const path = uri?.scheme === 'serial' ? uri.path : options.path;
  const baudRate = options.baud ?? (uri?.scheme === 'serial' ? uri.baudRate : null) ?? LED_DEFAULT_BAUD;
  const transport = new SerialTransport({ path, baudRate });
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`cannot open ${path}: is the RS-485 adapter plugged in, and the agent stopped?`)), 5_000);
  });
  try {
    await Promise.race([transport.open(), gaveUp]);
    clearTimeout(timer);
    const bus = new LedBus({ transport, timeoutMs: options.timeoutMs ?? 300 });
    const id = options.id ?? LED_DEFAULT_UNIT_ID;
    const digits = options.digits ?? 4;
    try {
      switch (action) {
        case 'scan': {
          const found = await bus.scan(unitIdRange(options.from ?? 1, options.to ?? 247), { timeoutMs: options.timeoutMs ?? 100, retries: 1 }, (unit, present) => {
            if (present) say(`unit ${unit}: answers`);
          });
          say(found.length ? `found ${found.length}: ${found.join(', ')}` : 'no display answered (check wiring A/B, power, and --baud)');
          return found.length ? 0 : 1;
        }
        case 'set-id': {
          if (options.newId === undefined) throw new Error('set-id needs --new-id');
          await assignUnitId(bus, id, options.newId);
          say(`unit ${id} is now unit ${options.newId}; label the display and connect the next one`);
          return 0;
        }
        case 'set-baud': {
          if (options.newBaud === undefined) throw new Error('set-baud needs --new-baud');
          await bus.setBaud(id, options.newBaud);
          say(`unit ${id} now talks at ${options.newBaud} baud (power-cycle it if your model needs that); use --baud ${options.newBaud} from now on`);
          return 0;
        }
        case 'show': {
          const text = options.text ?? '';
          if (options.blink) await bus.blink(id, text, digits, { periodMs: 500, durationMs: 5_000 });
          else await bus.showText(id, text, digits);
          say(`unit ${id} shows "${text}"`);
          return 0;
        }
        case 'test': {
          await showTestPattern(bus, id, digits, 400, (frame) => say(`unit ${id}: "${frame}"`));
          return 0;
        }
        default:
          process.stderr.write(`unknown led action "${action ?? ''}"\n${ledUsage}\n`);
          return 2;
      }
    } catch (error) {
      if (error instanceof LedError) {
        process.stderr.write(`${ledErrorMessages[error.code]}\n  ${error.message} (${error.code})\n`);
        return 1;
      }
      throw error;
    } finally {
      bus.close();
    }
  } finally {
    clearTimeout(timer);
    await transport.close();
  }
}
