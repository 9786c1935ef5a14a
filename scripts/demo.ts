// `npm start`: the whole demo hall on this machine — the hall server with the demo data on
// http://localhost:8080 and a device agent with simulated devices on 127.0.0.1:7600, which
// the kiosk uses for its printer and card reader. Ctrl+C stops both.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

const children: ChildProcess[] = [];
let stopping = false;

/** `args` start with the entry point: TypeScript runs through tsx, JavaScript as it is. */
function run(name: string, args: string[]): ChildProcess {
  const loader = args[0]?.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? code}); stopping the demo.`);
    stop(code ?? 1);
  });
  children.push(child);
  return child;
}

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The server as production runs it: the bundle `npm run build` (part of `npm start`) wrote.
run('hall server', ['hall-server/dist/hall-server.mjs', 'demo', ...passThrough]);
run('device agent', ['device-drivers/src/cli.ts', 'agent', '--sim']);
console.log('  设备代理（模拟打印机、身份证阅读器、扫码器）device agent with simulated devices: http://127.0.0.1:7600/status');
