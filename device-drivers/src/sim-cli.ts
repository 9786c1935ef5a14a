// `hall-devices sim <device> --path <pty>`: a simulator on one end of a serial line, steered
// by typing commands on stdin (`help` lists them). Pair it with a driver or the agent on the
// other end of a socat pseudo-terminal pair.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { keypadActionSchema, ratingLevelSchema } from '@hall/common/agent';
import { idCardFixtures, type IdCardFixtureName } from '@hall/fixtures/src/idcards.ts';
import { presentFixtureCard } from './agent/devices.ts';
import { IdCardReaderSimulator } from './idcard/simulator.ts';
import { renderPageSvg } from './printer/page-svg.ts';
import { printerProfile } from './printer/profiles.ts';
import { PrinterSimulator } from './printer/simulator.ts';
import { ScannerSimulator } from './scanner/simulator.ts';
import { SerialTransport } from './transport/serial.ts';
import { evaluatorModels, type EvaluatorModel } from './window/keymap.ts';
import { WindowBusSimulator } from './window/simulator.ts';
import { LedBusSimulator } from './led/simulator.ts';

export interface SimOptions {
  path: string;
  baud?: number;
  out?: string;
  /** Paper width for previews (printer). */
  profile?: string;
  card?: string;
  address?: number;
  model?: string;
  encoding?: string;
  /** LED displays: unit ids, comma-separated. */
  units?: string;
  digits?: number;
}

type Commands = Record<string, { help: string; run: (args: string[]) => unknown }>;

const say = (text: string) => process.stderr.write(`${text}\n`);

export async function runSimulator(kind: string, options: SimOptions): Promise<void> {
  const transport = new SerialTransport({ path: options.path, baudRate: options.baud ?? (kind === 'keypad' || kind === 'evaluator' || kind === 'led' ? 9600 : 115200) });
  transport.on('state', (state, cause) => say(`[${options.path}] ${state}${cause ? `: ${cause.message}` : ''}`));
  let commands: Commands;
  switch (kind) {
    case 'printer':
      commands = printer(transport, options);
      break;
    case 'idcard':
      commands = idcard(transport, options);
      break;
    case 'keypad':
    case 'evaluator':
      commands = windowBus(transport, kind, options);
      break;
    case 'scanner':
      commands = scanner(transport, options);
      break;
    case 'led':
      commands = ledDisplays(transport, options);
      break;
    default:
      throw new Error(`unknown simulator "${kind}" (printer, idcard, keypad, evaluator, scanner, led)`);
  }
  await transport.open();
  say(`simulated ${kind} on ${options.path}; type "help" for commands`);
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const [name = '', ...args] = line.trim().split(/\s+/);
    if (!name) return;
    if (name === 'help') {
      for (const [n, c] of Object.entries(commands)) say(`  ${n.padEnd(10)} ${c.help}`);
      return;
    }
    const command = commands[name];
    if (!command) return say(`unknown command "${name}"; try help`);
    Promise.resolve()
      .then(() => command.run(args))
      .then(
        (result) => result !== undefined && say(typeof result === 'string' ? result : JSON.stringify(result)),
        (error: unknown) => say(`error: ${error instanceof Error ? error.message : String(error)}`),
      );
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    rl.once('close', () => {
      // Without a terminal (run in the background) keep serving until a signal.
      if (process.stdin.isTTY) stop();
    });
  });
  rl.close();
  await transport.close();
}

function printer(transport: SerialTransport, options: SimOptions): Commands {
  const sim = new PrinterSimulator(transport);
  let count = 0;
  sim.on('printed', async (ticket) => {
    const n = ++count;
    say(`--- ticket ${n} (${ticket.bytes.length} bytes) ---\n${ticket.text}\n${ticket.page.qrCodes.map((q) => `[QR] ${q}`).join('\n')}`);
    if (options.out) {
      await mkdir(options.out, { recursive: true });
      await writeFile(join(options.out, `ticket-${n}.bin`), ticket.bytes);
      await writeFile(join(options.out, `ticket-${n}.txt`), `${ticket.text}\n${ticket.page.qrCodes.map((q) => `[QR] ${q}`).join('\n')}\n`);
      await writeFile(join(options.out, `ticket-${n}.svg`), renderPageSvg(ticket.page, printerProfile(options.profile ?? 'generic-80')));
    }
  });
  return {
    paper: { help: 'ok | near | end       paper level', run: ([l]) => (sim.setPaper(l === 'end' ? 'end' : l === 'near' ? 'nearEnd' : 'ok'), sim.condition) },
    roll: { help: 'N                     load a roll that ends after N lines', run: ([n]) => (sim.loadPaper(Number(n)), sim.condition) },
    cover: { help: 'open | close          printer cover', run: ([s]) => (sim.setCoverOpen(s === 'open'), sim.condition) },
    cutter: { help: 'jam | ok              cutter error', run: ([s]) => (sim.setCutterError(s === 'jam'), sim.condition) },
    status: { help: '                      current condition', run: () => sim.condition },
  };
}

function idcard(transport: SerialTransport, options: SimOptions): Commands {
  const sim = new IdCardReaderSimulator(transport);
  const names = Object.keys(idCardFixtures).join(', ');
  const present = (name = 'residentA') => {
    if (!(name in idCardFixtures)) throw new Error(`unknown card; known: ${names}`);
    presentFixtureCard(sim, name as IdCardFixtureName);
    return `card ${name} on the reader`;
  };
  if (options.card) say(present(options.card));
  return {
    present: { help: `NAME                  put a fictional card on the reader (${names})`, run: ([n]) => present(n) },
    remove: { help: '                      take the card away', run: () => (sim.remove(), 'card removed') },
    pull: { help: '                      pull the card away during the next read', run: () => (sim.pullDuringNextRead(), 'will pull during the next read') },
    corrupt: { help: '                      garble the next answer (bad checksum)', run: () => (sim.corruptNextResponse(), 'next answer corrupted') },
    silent: { help: 'on | off              stop answering', run: ([s]) => (sim.setSilent(s === 'on'), `silent ${s}`) },
  };
}

function windowBus(transport: SerialTransport, kind: 'keypad' | 'evaluator', options: SimOptions): Commands {
  const sim = new WindowBusSimulator(transport);
  const address = options.address ?? (kind === 'keypad' ? 1 : 2);
  if (kind === 'keypad') {
    sim.addKeypad(address);
    sim.on('display', (d) => say(`display: ${d.number.padStart(3)}  waiting ${d.waiting || '-'}`));
    sim.on('beep', () => say('beep'));
    return {
      press: {
        help: `ACTION                ${keypadActionSchema.options.join(' | ')}`,
        run: ([a]) => (sim.press(address, keypadActionSchema.parse(a)), `pressed ${a}`),
      },
    };
  }
  const model = (options.model ?? 'five-key') as EvaluatorModel;
  if (!(model in evaluatorModels)) throw new Error(`unknown evaluator model; known: ${Object.keys(evaluatorModels).join(', ')}`);
  sim.addEvaluator(address, model);
  return {
    rate: {
      help: `LEVEL                 ${ratingLevelSchema.options.join(' | ')}`,
      run: ([r]) => (sim.rate(address, ratingLevelSchema.parse(r)), `rated ${r}`),
    },
  };
}

function ledDisplays(transport: SerialTransport, options: SimOptions): Commands {
  const sim = new LedBusSimulator(transport);
  const units = (options.units ?? '1').split(',').map((u) => Number(u.trim()));
  for (const unit of units) sim.addDisplay(unit, options.digits ?? 4);
  sim.on('shown', ({ unitId, text }) => say(`display ${unitId}: [${text}]`));
  sim.on('unitIdChanged', ({ from, to }) => say(`display ${from} is now unit ${to}`));
  const unit = (u: string | undefined) => {
    const n = Number(u);
    if (!sim.unitIds.includes(n)) throw new Error(`no display at unit ${u}; displays: ${sim.unitIds.join(', ')}`);
    return n;
  };
  return {
    silent: {
      help: 'UNIT on | off          stop answering (a display without power), or answer again',
      run: ([u, s]) => (sim.setSilent(unit(u), s !== 'off'), `display ${u} ${s === 'off' ? 'answers again' : 'is silent'}`),
    },
    show: {
      help: '                      what every display shows',
      run: () => sim.unitIds.map((u) => `display ${u}: [${sim.display(u).text}]${sim.display(u).silent ? ' (silent)' : ''}`).join('\n'),
    },
  };
}

function scanner(transport: SerialTransport, options: SimOptions): Commands {
  const sim = new ScannerSimulator(transport, { encoding: options.encoding === 'gb18030' ? 'gb18030' : 'utf8' });
  return {
    scan: { help: 'TEXT                  scan a code with this text', run: async (words) => (await sim.scan(words.join(' ')), 'scanned') },
  };
}
