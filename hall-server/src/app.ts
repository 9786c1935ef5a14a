// Composition root: opens the database, builds the hall service, mounts REST routes, the
// Socket.IO hub and the web apps on one HTTP server, and starts the housekeeping timers.
import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { Server as SocketServer } from 'socket.io';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import type { HallSeed } from '@hall/common/seed';
import { openDatabase, type Db } from './store/db.ts';
import { emptyHallSettings, writeEmptyHall, writeSeed } from './store/seed.ts';
import { ConfigStore } from './store/config-store.ts';
import { HallService } from './service/hall-service.ts';
import { AuthService } from './auth/auth-service.ts';
import { hashPassword } from './auth/passwords.ts';
import { Hub } from './realtime/hub.ts';
import { noticesTo } from './realtime/notices.ts';
import { mountRoutes, jsonBody, sendError } from './api/mount.ts';
import { openApiDocument } from './api/openapi.ts';
import { publicRoutes } from './api/routes/public.ts';
import { ticketRoutes } from './api/routes/tickets.ts';
import { windowRoutes } from './api/routes/windows.ts';
import { authRoutes } from './api/routes/auth.ts';
import { adminRoutes } from './api/routes/admin.ts';
import { formRoutes } from './api/routes/forms.ts';
import { createFormService, createRegionData, type FormService } from './forms/index.ts';
import { regionRoutes } from './api/routes/regions.ts';
import { certificateRoutes } from './api/routes/certificates.ts';
import { createCertificateService, type CertificateService } from './certificates/index.ts';
import { verifyPage } from './api/verify-page.ts';
import { planRoutes } from './api/routes/plans.ts';
import { DocumentThread, type DocumentThreadOptions } from './documents/index.ts';
import { createPlanService, type PlanService } from './plans/index.ts';
import { ticketPage } from './api/ticket-page.ts';
import { escapeHtml, webFontDir, webFontFamily, webFontFile, webFontLinks, webFontPath } from './api/html.ts';
import { HallError, errorStatus } from '@hall/common/errors';
import { toErrorBody } from './service/error-body.ts';
import { databasePath, type ServerConfig } from './config.ts';

z.config(z.locales.zhCN());

export interface HallServer {
  config: ServerConfig;
  db: Db;
  hall: HallService;
  auth: AuthService;
  hub: Hub;
  /** Self-service forms: definitions and submissions. */
  forms: FormService;
  /** 证照打印: published documents, kiosk prints, verification. */
  certificates: CertificateService;
  /** Floor plans (餐饮平面图) saved from kiosks. */
  plans: PlanService;
  /** Where every PDF is drawn and stamped, off the main thread. */
  documents: DocumentThread;
  http: HttpServer;
  io: SocketServer;
  logger: Logger;
  /** Resolves with the bound port. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

export interface CreateOptions {
  logger?: Logger;
  clock?: () => number;
  /** Initial data for an empty database. */
  seed?: HallSeed;
  /**
   * For an empty database without a seed: the password of the first admin account, from
   * which the admin console sets up the hall.
   */
  initialAdminPassword?: string;
  /** Password hashing for seeded accounts (tests memoise it; scrypt is slow on purpose). */
  hashPassword?: (password: string) => Promise<string>;
  /** The document thread's limits (tests shorten them). */
  documents?: Pick<DocumentThreadOptions, 'timeoutMs' | 'maxHeapMb'>;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function createHallServer(config: ServerConfig, options: CreateOptions = {}): Promise<HallServer> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'hall-server' } });
  const db = openDatabase(databasePath(config));
  if (new ConfigStore(db).isEmpty()) {
    if (options.seed) {
      await loadSeed(db, options.seed, config, options.hashPassword ?? hashPassword);
      logger.info({ categories: options.seed.categories.length, windows: options.seed.windows.length }, 'hall data loaded into an empty database');
    } else if (options.initialAdminPassword) {
      const settings = config.publicBaseUrl ? { ...emptyHallSettings, publicBaseUrl: config.publicBaseUrl } : emptyHallSettings;
      writeEmptyHall(db, settings, await (options.hashPassword ?? hashPassword)(options.initialAdminPassword));
      logger.info('a new, empty hall was created with one admin account');
    } else {
      throw new Error('数据库为空：请用 --demo 载入演示大厅、用 seedFile 指定初始数据，或设置首个管理员密码 (empty database: pass a seed or an initial admin password)');
    }
  } else if (config.publicBaseUrl) {
    const store = new ConfigStore(db);
    const data = store.load();
    if (data.settings.publicBaseUrl !== config.publicBaseUrl) store.putSettings({ ...data.settings, publicBaseUrl: config.publicBaseUrl });
  }

  const hall = new HallService({ db, clock: options.clock ?? Date.now, logger, alwaysOpen: config.alwaysOpen });
  const auth = new AuthService(hall);
  const documents = new DocumentThread({ logger, latencies: hall.latencies, ...options.documents });
  const forms = createFormService(config, hall, documents, logger, options.clock ?? Date.now);
  const certificates = createCertificateService(config, hall, documents, logger, options.clock ?? Date.now);
  const plans = createPlanService(config, hall, forms, documents, logger, options.clock ?? Date.now);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  const routes = [...publicRoutes(hall, auth), ...ticketRoutes(hall), ...windowRoutes(hall), ...authRoutes(auth), ...adminRoutes(hall, auth), ...formRoutes(forms), ...planRoutes(plans), ...regionRoutes(createRegionData()), ...certificateRoutes(certificates)];
  // Built on first request: turning every schema into JSON Schema is work start-up can skip.
  let openapi: Record<string, unknown> | undefined;

  app.get('/healthz', async (_req, res) => {
    try {
      db.prepare('SELECT 1').get();
      res.json({ status: 'ok', seq: hall.lastSeq, hallDay: hall.hallDay, commitBacklog: hall.commits.backlog, commits: hall.commits.stats, checkpoints: hall.commits.checkpoints, documents: { code: documents.code, ...documents.stats, backlog: documents.backlog }, latency: hall.latencies.summary(), uptimeSeconds: Math.round(process.uptime()) });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', (_req, res) => {
    openapi ??= openApiDocument(routes, { title: '政务服务大厅 hall-server API', version: '1.0.0' });
    res.json(openapi);
  });
  const api = express.Router();
  api.use(jsonBody(routes));
  mountRoutes(api, routes, auth, logger, config.demo ? (kind) => demoDevice(hall, kind) : undefined);
  app.use(api);
  app.use('/api', (_req, res) => sendError(res, new HallError('NOT_FOUND', { message: '没有这个接口' }).toBody()));
  // The web font of the server's own pages (/t, /v): only its CSS and font files.
  const fontDir = webFontDir();
  app.use(webFontPath, (req, res, next) => (webFontFile.test(req.path) ? next() : res.status(404).end()), express.static(fontDir, { index: false, maxAge: '30d', immutable: true }));
  app.get('/t/:token', (req, res) => {
    res.type('html').send(ticketPage(hall, req.params.token));
  });
  app.get(['/v', '/v/:code'], (req, res) => {
    const query = typeof req.query.code === 'string' ? req.query.code : null;
    const page = verifyPage(certificates, hall.settings.name, typeof req.params.code === 'string' ? req.params.code : query);
    res.status(page.status).setHeader('Cache-Control', 'no-store').type('html').send(page.html);
  });

  const appsDir = config.appsDir ? resolve(config.appsDir) : repoRoot;
  const apps = [
    { path: '/kiosk', dir: 'kiosk-ui', title: '自助取号机' },
    { path: '/board', dir: 'display-board', title: '叫号屏' },
    { path: '/staff', dir: 'staff-ui', title: '窗口叫号与管理后台' },
  ];
  for (const a of apps) {
    const dist = join(appsDir, a.dir, 'dist');
    app.use(a.path, express.static(dist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
    // Client-side routes (/board/window/5, /staff/admin) get the app's page.
    app.get(`${a.path}/{*rest}`, (_req, res) => {
      const index = join(dist, 'index.html');
      if (existsSync(index)) res.setHeader('Cache-Control', 'no-cache').sendFile(index);
      else res.status(503).type('text').send(`${a.title}尚未构建：请先运行 npm run build`);
    });
  }
  app.get('/', (_req, res) => {
    res.type('html').send(landingPage(hall.settings.name, apps));
  });

  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    // Express's own failures (a broken %-escape in a path, …) get the same JSON errors as
    // everything else, never its HTML page with a stack trace.
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    const body = status && status >= 400 && status < 500 ? new HallError('VALIDATION_FAILED', { message: '请求地址或内容格式不正确' }).toBody() : toErrorBody(error, logger);
    if (req.path.startsWith('/api/')) sendError(res, body);
    else res.status(errorStatus[body.code]).type('text').send(body.message);
  });

  const http = createServer(app);
  const io = new SocketServer(http, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  const hub = new Hub(io, hall, auth, { demoAutoPair: config.demo, logger });
  // A form attached to a ticket already at a window: that desk fetches the ticket's forms again.
  const toCounters = noticesTo(io, 'counter');
  forms.onAttached((notice) => toCounters('submission:attached', notice));
  plans.onAttached((notice) => toCounters('plan:attached', notice));

  const timers = [
    setInterval(() => void hall.tick().catch((e: unknown) => logger.error({ err: e }, 'day turn failed')), 15_000),
    setInterval(() => void hall.purgePersonalData().catch((e: unknown) => logger.error({ err: e }, 'purge failed')), 3_600_000),
    setInterval(() => purgeForms(forms, logger), 3_600_000),
    setInterval(() => purgeCertificates(certificates, logger), 3_600_000),
    setInterval(() => purgePlans(plans, logger), 3_600_000),
  ];
  for (const t of timers) t.unref();
  hall.latencies.watchProcess();
  void hall.purgePersonalData().catch((e: unknown) => logger.error({ err: e }, 'purge failed'));
  purgeForms(forms, logger);
  purgeCertificates(certificates, logger);
  purgePlans(plans, logger);

  return {
    config,
    db,
    hall,
    auth,
    hub,
    forms,
    certificates,
    plans,
    documents,
    http,
    io,
    logger,
    listen: () =>
      new Promise((resolveListen, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          const address = http.address();
          resolveListen(typeof address === 'object' && address ? address.port : config.port);
        });
      }),
    close: async () => {
      for (const t of timers) clearInterval(t);
      hall.latencies.stop();
      await new Promise<void>((done) => io.close(() => done()));
      if (http.listening) await new Promise<void>((done) => http.close(() => done()));
      // What was accepted before the doors closed is committed, then the commit thread stops.
      await hall.commits.close();
      db.close();
      await documents.close();
    },
  };
}

function purgeForms(forms: FormService, logger: Logger): void {
  try {
    forms.purge();
  } catch (error) {
    logger.error({ err: error }, 'form submission purge failed');
  }
}

function purgePlans(plans: PlanService, logger: Logger): void {
  try {
    plans.purge();
  } catch (error) {
    logger.error({ err: error }, 'floor plan purge failed');
  }
}

function purgeCertificates(certificates: CertificateService, logger: Logger): void {
  try {
    certificates.purge();
  } catch (error) {
    logger.error({ err: error }, 'certificate purge failed');
  }
}

/** The demo's pre-paired device of a kind, for requests from this machine without a token. */
function demoDevice(hall: HallService, kind: string) {
  return hall.accounts
    .listDevices()
    .map((r) => r.device)
    .find((d) => d.enabled && d.kind === kind);
}

async function loadSeed(db: Db, seed: HallSeed, config: ServerConfig, hash: (password: string) => Promise<string>): Promise<void> {
  const hashes = new Map<string, string>();
  for (const s of seed.staff) hashes.set(s.id, await hash(s.password));
  const settings = config.publicBaseUrl ? { ...seed.settings, publicBaseUrl: config.publicBaseUrl } : seed.settings;
  writeSeed(db, { ...seed, settings }, hashes);
}

function noCacheForHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

function landingPage(hallName: string, apps: Array<{ path: string; title: string }>): string {
  const links = apps.map((a) => `<li><a href="${a.path}/">${a.title}</a> <code>${a.path}/</code></li>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(hallName)}</title>
${webFontLinks}<style>body{font-family:${webFontFamily};max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.7}a{font-size:1.2rem}</style></head>
<body><h1>${escapeHtml(hallName)}</h1><ul>${links}<li><a href="/staff/admin">管理后台</a></li><li><a href="/api/openapi.json">API (OpenAPI)</a></li></ul></body></html>`;
}
