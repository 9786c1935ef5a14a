// HTTP controls for the simulators of a `--sim` agent, so a demo (or an end-to-end test) can
// put a card on the reader, empty the printer or press a keypad key with curl:
//   curl -X POST 'http://127.0.0.1:7600/sim/idcard/present?card=residentA'
//   curl 'http://127.0.0.1:7600/sim/a4/pdf?job=1'   (a printed PDF, base64)
// Only present when the agent runs simulated devices; the agent listens on loopback only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { keypadActionSchema, ratingLevelSchema } from '@hall/common/agent';
import { idCardFixtures, type IdCardFixtureName } from '@hall/fixtures/src/idcards.ts';
import { presentFixtureCard, type DeviceHub } from './devices.ts';
import { sendJson } from './http.ts';

type Route = (url: URL) => unknown;

/** Returns false when no simulator route matches, so the caller can answer 404. */
export async function handleSimControl(hub: DeviceHub, req: IncomingMessage, url: URL, res: ServerResponse): Promise<boolean> {
  const sims = hub.simulators;
  const q = (name: string) => url.searchParams.get(name) ?? '';
  const post: Record<string, Route | undefined> = {
    '/sim/idcard/present': sims.idCardReader
      ? () => {
          const card = (q('card') || 'residentA') as IdCardFixtureName;
          if (!(card in idCardFixtures)) throw new Error(`unknown card; known: ${Object.keys(idCardFixtures).join(', ')}`);
          presentFixtureCard(sims.idCardReader!, card);
          return { presented: card };
        }
      : undefined,
    '/sim/idcard/remove': sims.idCardReader ? () => (sims.idCardReader!.remove(), { removed: true }) : undefined,
    '/sim/idcard/pull': sims.idCardReader ? () => (sims.idCardReader!.pullDuringNextRead(), { pullDuringNextRead: true }) : undefined,
    '/sim/printer/paper': sims.printer
      ? () => {
          const level = q('level');
          if (level !== 'ok' && level !== 'nearEnd' && level !== 'end') throw new Error('level must be ok, nearEnd or end');
          sims.printer!.setPaper(level);
          return sims.printer!.condition;
        }
      : undefined,
    '/sim/printer/cover': sims.printer ? () => (sims.printer!.setCoverOpen(q('open') === 'true'), sims.printer!.condition) : undefined,
    '/sim/scanner/scan': sims.scanner
      ? async () => {
          if (!q('text')) throw new Error('text is required');
          await sims.scanner!.scan(q('text'));
          return { scanned: q('text').length };
        }
      : undefined,
    '/sim/keypad/press': sims.windowBus
      ? () => {
          const action = keypadActionSchema.parse(q('action'));
          sims.windowBus!.press(Number(q('address') || 1), action);
          return { pressed: action };
        }
      : undefined,
    '/sim/evaluator/rate': sims.windowBus
      ? () => {
          const rating = ratingLevelSchema.parse(q('rating'));
          sims.windowBus!.rate(Number(q('address') || 2), rating);
          return { rated: rating };
        }
      : undefined,
  };
  const ledUnit = () => {
    const unit = Number(q('unit'));
    if (!sims.ledBus!.unitIds.includes(unit)) throw new Error(`unit must be one of ${sims.ledBus!.unitIds.join(', ')}`);
    return unit;
  };
  // A printer fault, as its printer-state-reasons (media-empty, media-jam, door-open,
  // marker-supply-empty, offline…; comma-separated): jobs are held, and fail at the kiosk, until
  // called with no reason. With mode=abort every job is aborted at once with the reason as its
  // job-state-reason (default aborted-by-system) instead.
  post['/sim/a4/fail'] = sims.a4Printer
    ? () => {
        const a4 = sims.a4Printer!;
        if (q('mode') === 'abort') {
          a4.setFault(null);
          a4.abortJobs(q('reason') || 'aborted-by-system');
        } else if (q('mode') && q('mode') !== 'hold') throw new Error('mode must be hold or abort');
        else a4.setFault(q('reason') || null);
        return { failure: a4.failure };
      }
    : undefined;
  post['/sim/led/silent'] = sims.ledBus ? () => (sims.ledBus!.setSilent(ledUnit(), q('on') !== 'false'), sims.ledBus!.display(ledUnit())) : undefined;
  const get: Record<string, Route | undefined> = {
    '/sim/printer/tickets': sims.printer ? () => sims.printer!.printed.map((t) => ({ text: t.text, qrCodes: t.page.qrCodes, bytes: t.bytes.length })) : undefined,
    '/sim/led/displays': sims.ledBus ? () => sims.ledBus!.unitIds.map((unitId) => ({ unitId, text: sims.ledBus!.display(unitId).text, silent: sims.ledBus!.display(unitId).silent })) : undefined,
    '/sim/a4/jobs': sims.a4Printer ? () => sims.a4Printer!.jobs.map((j) => ({ jobId: j.jobId, title: j.title, copies: j.copies, bytes: j.pdf.length })) : undefined,
    // One job's document as the printer received it, for a test to read back (pdftotext).
    '/sim/a4/pdf': sims.a4Printer
      ? () => {
          const job = sims.a4Printer!.jobs.find((j) => j.jobId === Number(q('job')));
          if (!job) throw new Error(`no such job; kept: ${sims.a4Printer!.jobs.map((j) => j.jobId).join(', ')}`);
          return { jobId: job.jobId, title: job.title, pdfBase64: Buffer.from(job.pdf).toString('base64') };
        }
      : undefined,
  };
  const route = (req.method === 'POST' ? post : req.method === 'GET' ? get : {})[url.pathname];
  if (!route) return false;
  try {
    sendJson(res, 200, await route(url));
  } catch (error) {
    sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
  return true;
}
