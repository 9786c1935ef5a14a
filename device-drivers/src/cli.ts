// hall-devices: the device agent, simulators on pseudo-terminals, and small tools for
// looking at ticket bytes. Run `npx hall-devices help`.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ticketSlipSchema } from '@hall/common/ticket-slip';
import { startAgent } from './agent/agent.ts';
import { AgentConfigError, loadAgentConfig, parseAgentConfig } from './agent/config.ts';
import { EscPosDecoder } from './printer/codec-decode.ts';
import { PaperModel } from './printer/paper.ts';
import { printerProfile } from './printer/profiles.ts';
import { renderTicketEscPos } from './printer/ticket-escpos.ts';
import { renderTicketSvg } from './printer/ticket-svg.ts';
import { runSimulator } from './sim-cli.ts';
import { ledUsage, runLedCommand } from './led/cli.ts';

const usage = `usage:
  hall-devices agent [--config agent.json] [--sim] [--port 7600] [--allow-origin URL]…
      run the device agent; --sim replaces every device by its simulator
      (with no config: a whole simulated kiosk plus a window keypad and evaluator);
      --allow-origin lets pages from that origin (the hall server) connect besides loopback;
      kill -HUP reopens every device from the config file (as setup mode's restart does)
  hall-devices sim printer|idcard|keypad|evaluator|scanner|led --path /tmp/ttyB [options]
      a simulated device on a serial line; type "help" for its commands
      printer:   --out DIR (keep .bin, .txt and .svg of every ticket) --profile generic-58|generic-80
      idcard:    --card residentA|residentB|permitHk|foreigner2017|foreigner2023
      keypad:    --address 1        evaluator: --address 2 --model five-key
      scanner:   --encoding utf8|gb18030
      led:       --units 1,2,3 --digits 4 (LED-485 number displays at those unit ids)
      all:       --baud N
  hall-devices decode FILE.bin
      print what an ESC/POS byte stream puts on paper
  hall-devices preview SLIP.json [--profile generic-80] [--format svg|escpos]
      render a ticket slip (common/src/ticket-slip.ts) to SVG or ESC/POS bytes on stdout
${ledUsage}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      sim: { type: 'boolean' },
      port: { type: 'string' },
      path: { type: 'string' },
      out: { type: 'string' },
      card: { type: 'string' },
      address: { type: 'string' },
      model: { type: 'string' },
      encoding: { type: 'string' },
      baud: { type: 'string' },
      profile: { type: 'string' },
      format: { type: 'string' },
      units: { type: 'string' },
      digits: { type: 'string' },
      id: { type: 'string' },
      'new-id': { type: 'string' },
      'new-baud': { type: 'string' },
      text: { type: 'string' },
      blink: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  switch (command) {
    case 'agent': {
      const config = values.config ? await loadAgentConfig(values.config) : parseAgentConfig({});
      if (values.port) config.port = Number(values.port);
      if (values['allow-origin']) config.allowedOrigins.push(...values['allow-origin']);
      const agent = await startAgent(config, { sim: values.sim ?? !values.config, ...(values.config ? { configPath: values.config } : {}) });
      process.stderr.write(`device agent on http://${config.host}:${agent.port} (GET /status)\n`);
      // `kill -HUP`: reopen the devices from the configuration file, as setup mode's restart does.
      process.on('SIGHUP', () => void agent.setup.restart().catch((error: unknown) => process.stderr.write(`devices not restarted: ${error instanceof Error ? error.message : String(error)}\n`)));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await agent.close();
      return 0;
    }
    case 'sim': {
      const kind = positionals[0];
      if (!kind || !values.path) {
        process.stderr.write(`${usage}\n`);
        return 2;
      }
      await runSimulator(kind, {
        path: values.path,
        ...(values.baud ? { baud: Number(values.baud) } : {}),
        ...(values.out ? { out: values.out } : {}),
        ...(values.profile ? { profile: values.profile } : {}),
        ...(values.card ? { card: values.card } : {}),
        ...(values.address ? { address: Number(values.address) } : {}),
        ...(values.model ? { model: values.model } : {}),
        ...(values.encoding ? { encoding: values.encoding } : {}),
        ...(values.units ? { units: values.units } : {}),
        ...(values.digits ? { digits: Number(values.digits) } : {}),
      });
      return 0;
    }
    case 'led': {
      if (!values.path) {
        process.stderr.write(`led needs --path\n${ledUsage}\n`);
        return 2;
      }
      const n = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      return runLedCommand(positionals[0], {
        path: values.path,
        ...(values.baud ? { baud: Number(values.baud) } : {}),
        ...(values.id ? { id: n(values.id)! } : {}),
        ...(values['new-id'] ? { newId: n(values['new-id'])! } : {}),
        ...(values['new-baud'] ? { newBaud: n(values['new-baud'])! } : {}),
        ...(values.text !== undefined ? { text: values.text } : {}),
        ...(values.digits ? { digits: n(values.digits)! } : {}),
        ...(values.from ? { from: n(values.from)! } : {}),
        ...(values.to ? { to: n(values.to)! } : {}),
        ...(values.timeout ? { timeoutMs: n(values.timeout)! } : {}),
        ...(values.blink ? { blink: true } : {}),
      });
    }
    case 'decode': {
      const file = positionals[0];
      if (!file) throw new Error('decode needs a file');
      const paper = new PaperModel();
      const decoder = new EscPosDecoder();
      for (const e of decoder.push(await readFile(file))) paper.apply(e);
      const pages = [...paper.pages, ...(paper.current.lines.length ? [paper.current] : [])];
      pages.forEach((page, i) => {
        process.stdout.write(`--- page ${i + 1}${page.cut ? '' : ' (not cut)'} ---\n`);
        for (const line of page.lines) process.stdout.write(`${line.text}\n`);
        for (const qr of page.qrCodes) process.stdout.write(`[QR] ${qr}\n`);
        if (page.images) process.stdout.write(`[${page.images} image(s)]\n`);
      });
      return 0;
    }
    case 'preview': {
      const file = positionals[0];
      if (!file) throw new Error('preview needs a slip JSON file');
      const slip = ticketSlipSchema.parse(JSON.parse(await readFile(file, 'utf8')));
      const profile = printerProfile(values.profile ?? 'generic-80');
      if (values.format === 'escpos') process.stdout.write(renderTicketEscPos(slip, profile));
      else process.stdout.write(`${renderTicketSvg(slip, profile)}\n`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${usage}\n`);
      return 0;
    default:
      process.stderr.write(`unknown command "${command}"\n${usage}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof AgentConfigError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
