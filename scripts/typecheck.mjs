// Type-checks every package with its own tsconfig, in parallel (two at a time: CI has two
// cores). Exits non-zero when any package fails.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = ['common', 'fixtures', 'hall-server', 'device-drivers', 'ui-kit', 'kiosk-ui', 'display-board', 'staff-ui', 'kiosk-ui/bench', 'tests', '.']
  .filter((dir) => existsSync(`${dir}/tsconfig.json`));
const tsc = 'node_modules/typescript/bin/tsc';

let failed = 0;
async function check(dir) {
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', dir, '--pretty'], { stdio: 'inherit' });
    child.on('exit', resolve);
  });
  console.log(`typecheck ${dir}: ${code === 0 ? 'ok' : 'FAILED'}`);
  if (code !== 0) failed++;
}
const queue = [...projects];
await Promise.all([0, 1].map(async () => {
  while (queue.length) await check(queue.shift());
}));
process.exit(failed ? 1 : 0);
