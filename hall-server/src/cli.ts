// The hall server's command line:
//   hall-server demo     [--port 8080] [--data ./data]     the demo hall, devices pre-paired on localhost
//   hall-server start    [--config hall.json]              production
//   hall-server backup   --out FILE [--config hall.json]   consistent copy of a running hall's database
//   hall-server restore  --from FILE [--config hall.json]  replace the database (server stopped)
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { hallSeedSchema } from '@hall/common/seed';
import { existsSync, readFileSync } from 'node:fs';
import { createHallServer } from './app.ts';
import { databasePath, loadServerConfig, type ServerConfig } from './config.ts';
import { backupDatabase, restoreDatabase } from './store/backup.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    'real-hours': { type: 'boolean' },
  },
});

const command = positionals[0] ?? 'start';

function config(extra: Partial<Record<keyof ServerConfig, unknown>> = {}): ServerConfig {
  const overrides: Partial<Record<keyof ServerConfig, unknown>> = { ...extra };
  if (values.port) overrides.port = values.port;
  if (values.host) overrides.host = values.host;
  if (values.data) overrides.dataDir = values.data;
  return loadServerConfig(values.config ? { file: values.config, overrides } : { overrides });
}

async function serve(cfg: ServerConfig): Promise<void> {
  // The demo data is loaded only for the demo: a production start does not pay for it.
  const seed = cfg.demo ? (await import('@hall/fixtures/src/demo-hall.ts')).loadDemoHall() : cfg.seedFile ? hallSeedSchema.parse(JSON.parse(readFileSync(cfg.seedFile, 'utf8'))) : undefined;
  // A new hall without seed data starts with one admin account; its password is shown once.
  const fresh = !seed && !existsSync(databasePath(cfg));
  const initialAdminPassword = fresh ? (process.env.HALL_INITIAL_ADMIN_PASSWORD ?? randomBytes(9).toString('base64url')) : undefined;
  const server = await createHallServer(cfg, seed ? { seed } : initialAdminPassword ? { initialAdminPassword } : {});
  if (initialAdminPassword && !process.env.HALL_INITIAL_ADMIN_PASSWORD) {
    console.log(`\n  新大厅已创建。首个管理员账号 admin，初始密码（仅显示这一次，请登录后修改）：${initialAdminPassword}`);
    console.log('  A new hall was created. First admin account: admin, initial password shown above, once.');
  }
  const port = await server.listen();
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    `  ${server.hall.settings.name} 已启动 (hall server running)`,
    '',
    `  自助取号机 kiosk        ${base}/kiosk/`,
    `  叫号屏 call board       ${base}/board/`,
    `  窗口屏 window screen    ${base}/board/window/1`,
    `  窗口叫号 clerk desk     ${base}/staff/`,
    `  管理后台 admin console  ${base}/staff/admin`,
    `  API (OpenAPI)           ${base}/api/openapi.json`,
    `  健康检查 health         ${base}/healthz`,
    '',
    `  数据库 database         ${databasePath(cfg)}`,
  ];
  if (cfg.demo) {
    lines.push(
      '',
      '  演示模式 (demo): 本机 (localhost) 连接的自助机、叫号屏和窗口设备视为已配对；其他机器须用配对码配对。',
      '  Devices connecting from localhost are pre-paired; other machines must pair with a code.',
      cfg.alwaysOpen ? '  演示模式全天可取号；按实际办公时间运行请加 --real-hours (demo: drawing is open at any hour).' : '  按配置的办公时间取号 (configured opening hours).',
      '  演示账号 demo accounts: admin / admin-demo-2026, clerk01 / clerk-demo-2026',
    );
  }
  console.log(lines.join('\n') + '\n');
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    server.logger.info({ signal }, 'shutting down');
    server.close().then(
      () => {
        server.logger.info('stopped: every accepted write committed, database closed');
        process.exit(0);
      },
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function backup(cfg: ServerConfig): Promise<void> {
  if (!values.out) throw new Error('backup needs --out FILE');
  await backupDatabase(databasePath(cfg), values.out);
  console.log(`备份完成 backup written: ${values.out}`);
}

async function restore(cfg: ServerConfig): Promise<void> {
  if (!values.from) throw new Error('restore needs --from FILE');
  const target = databasePath(cfg);
  const { version, aside, damaged } = await restoreDatabase(target, values.from);
  if (aside) console.log(`${damaged ? '原数据库已损坏，已原样移至 previous database (unreadable) moved as it was to' : '原数据库已移至 previous database moved to'}: ${aside}`);
  console.log(`恢复完成 restored ${values.from} → ${target}（schema ${version}; newer migrations run at next start）`);
}

async function main(): Promise<void> {
  if (values.help) {
    console.log('usage: hall-server demo|start|backup|restore [--config FILE] [--port N] [--data DIR] [--out FILE] [--from FILE]');
    return;
  }
  switch (command) {
    case 'demo': {
      const cfg = config({ demo: true, alwaysOpen: !values['real-hours'] });
      // QR codes on demo tickets should open on this machine unless a public address is set.
      return serve(cfg.publicBaseUrl ? cfg : { ...cfg, publicBaseUrl: `http://localhost:${cfg.port}` });
    }
    case 'start':
      return serve(config());
    case 'backup':
      return backup(config());
    case 'restore':
      return restore(config());
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
