// The IPP A4 driver against the simulated IPP printer (no CUPS needed): a printer that runs out
// of paper, jams or has its door open holds the job and says why in printer-state-reasons; the
// driver gives up quickly with a specific code and cancels the job, so nothing comes out later.
import { afterEach, describe, expect, it } from 'vitest';
import { A4PrintError, IppPrinter, type A4PrintErrorCode } from '../src/a4/ipp-printer.ts';
import { faultOfReasons, isStoppingReason, parseReason } from '../src/a4/ipp-reasons.ts';
import { SimulatedA4Printer } from '../src/a4/simulator.ts';
import { minimalPdf } from '@hall/fixtures/src/pdf.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const Canceled = 7;

async function setup(faultGraceMs = 150) {
  const sim = new SimulatedA4Printer();
  cleanups.push(() => sim.close());
  const driver = new IppPrinter(await sim.ippUri(), { pollMs: 20, faultGraceMs });
  return { sim, driver };
}

async function failureOf(promise: Promise<unknown>): Promise<A4PrintError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(A4PrintError);
  return error as A4PrintError;
}

describe('printer-state-reasons', () => {
  it('reads the severity suffix; an unsuffixed reason is an error', () => {
    expect(parseReason('media-empty-error')).toEqual({ base: 'media-empty', severity: 'error' });
    expect(parseReason('media-low-warning')).toEqual({ base: 'media-low', severity: 'warning' });
    expect(parseReason('offline-report')).toEqual({ base: 'offline', severity: 'report' });
    expect(parseReason('media-jam')).toEqual({ base: 'media-jam', severity: 'error' });
    expect(['media-empty', 'media-jam-error', 'paused'].every(isStoppingReason)).toBe(true);
    expect(['none', 'media-empty-report', 'toner-empty-warning'].some(isStoppingReason)).toBe(false);
  });

  it('names the most specific fault and ignores reports, warnings and unknown keywords', () => {
    expect(faultOfReasons(['paused', 'media-needed-error', 'media-jam-error'])).toEqual({ code: 'PAPER_JAM', reasons: ['media-jam-error'] });
    expect(faultOfReasons(['media-empty-error', 'media-needed'])).toEqual({ code: 'PAPER_END', reasons: ['media-empty-error', 'media-needed'] });
    expect(faultOfReasons(['media-empty-report', 'toner-empty-warning', 'offline-report', 'none'])).toBeNull();
    expect(faultOfReasons(['spool-area-full', 'cups-waiting-for-job-completed'])).toBeNull();
  });
});

describe('IppPrinter following a job on the simulated IPP printer', () => {
  it('prints when the printer has no fault', async () => {
    const { sim, driver } = await setup();
    expect(await driver.isReady()).toBe(true);
    expect(await driver.printPdf(minimalPdf('ok'), { title: 'form-1', copies: 2 })).toEqual({ jobId: 1 });
    expect(sim.jobs).toMatchObject([{ jobId: 1, title: 'form-1', copies: 2 }]);
  });

  it('paper out: fails with PAPER_END well before the timeout, cancels the job, and nothing prints when paper is back', async () => {
    const { sim, driver } = await setup();
    sim.setFault('media-empty');
    const started = performance.now();
    const error = await failureOf(driver.printPdf(minimalPdf('x'), { title: 'cert', timeoutMs: 60_000 }));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('PAPER_END');
    expect(error.message).toMatch(/job 1 processing-stopped.*printer-state-reasons media-empty-error.*job canceled/);
    expect(sim.job(1)?.state).toBe(Canceled);

    sim.setFault(null);
    expect(sim.queued).toEqual([]);
    expect(sim.jobs).toEqual([]);
    // The next citizen's print goes through.
    expect(await driver.printPdf(minimalPdf('next'), { title: 'cert' })).toEqual({ jobId: 2 });
    expect(sim.jobs.map((j) => j.jobId)).toEqual([2]);
  });

  it.each<[reasons: string, code: A4PrintErrorCode]>([
    ['media-needed', 'PAPER_END'],
    ['media-jam', 'PAPER_JAM'],
    ['media-jam-error,paused', 'PAPER_JAM'],
    ['door-open', 'COVER_OPEN'],
    ['cover-open-error', 'COVER_OPEN'],
    ['marker-supply-empty', 'OUT_OF_TONER'],
    ['toner-empty-error', 'OUT_OF_TONER'],
    ['offline', 'PRINTER_OFFLINE'],
    ['shutdown', 'PRINTER_OFFLINE'],
    ['paused', 'PRINTER_FAULT'],
    // Stopped for a reason the driver does not know: still no print, so still a fault.
    ['fuser-over-temp-error', 'PRINTER_FAULT'],
  ])('%s fails the print with %s and cancels the job', async (reasons, code) => {
    const { sim, driver } = await setup();
    sim.setFault(reasons);
    expect((await failureOf(driver.printPdf(minimalPdf('x'), { title: 't' }))).code).toBe(code);
    expect(sim.job(1)?.state).toBe(Canceled);
    sim.setFault(null);
    expect(sim.jobs).toEqual([]);
  });

  it('-report and -warning reasons do not stop a print', async () => {
    const { sim, driver } = await setup();
    sim.setFault('media-low-report,toner-low-warning,media-empty-report,offline-report');
    expect(await driver.printPdf(minimalPdf('x'), { title: 't' })).toEqual({ jobId: 1 });
    expect(sim.jobs.map((j) => j.jobId)).toEqual([1]);
  });

  it('a fault cleared within the grace period lets the job print', async () => {
    const { sim, driver } = await setup(2_000);
    sim.setFault('media-needed');
    const printing = driver.printPdf(minimalPdf('x'), { title: 't' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.queued).toEqual([1]);
    sim.setFault(null);
    expect(await printing).toEqual({ jobId: 1 });
    expect(sim.jobs.map((j) => j.jobId)).toEqual([1]);
  });

  it('a job that never finishes times out and is cancelled too', async () => {
    const { sim, driver } = await setup(60_000);
    sim.setFault('media-empty');
    const error = await failureOf(driver.printPdf(minimalPdf('x'), { title: 't', timeoutMs: 300 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('job canceled');
    expect(sim.job(1)?.state).toBe(Canceled);
  });

  it('an aborted job is explained by its job-state-reasons or by the printer’s', async () => {
    const { sim, driver } = await setup();
    sim.abortJobs('aborted-by-system');
    const bySystem = await failureOf(driver.printPdf(minimalPdf('x'), { title: 't' }));
    expect(bySystem.code).toBe('PRINTER_FAULT');
    expect(bySystem.message).toContain('job 1 aborted, job-state-reasons aborted-by-system');

    sim.abortJobs('job-canceled-at-device');
    expect((await failureOf(driver.printPdf(minimalPdf('x'), { title: 't' }))).code).toBe('JOB_FAILED');

    sim.setFault('media-jam');
    sim.abortJobs('aborted-by-system');
    expect((await failureOf(driver.printPdf(minimalPdf('x'), { title: 't' }))).code).toBe('PAPER_JAM');

    sim.setFault(null);
    expect(await driver.printPdf(minimalPdf('x'), { title: 't' })).toEqual({ jobId: 4 });
  });

  it('a document that is not a PDF is refused at submission', async () => {
    const { driver } = await setup();
    expect((await failureOf(driver.printPdf(new TextEncoder().encode('not a pdf'), { title: 't' }))).code).toBe('REJECTED');
  });
});

describe('IppPrinter status between jobs (the agent’s regular check)', () => {
  it('reads a standing fault from printer-state-reasons with the same verdict as a followed job', async () => {
    const { sim, driver } = await setup();
    expect(await driver.status()).toEqual({ ready: true, fault: null });
    const cases: Array<[reasons: string, code: A4PrintErrorCode, reported: string[]]> = [
      ['media-empty', 'PAPER_END', ['media-empty-error']],
      ['media-jam-error,paused', 'PAPER_JAM', ['media-jam-error']],
      ['door-open', 'COVER_OPEN', ['door-open-error']],
      ['marker-supply-empty', 'OUT_OF_TONER', ['marker-supply-empty-error']],
      ['offline', 'PRINTER_OFFLINE', ['offline-error']],
      ['paused', 'PRINTER_FAULT', ['paused-error']],
      // Stopped for a reason we do not know: it will not print without staff either.
      ['spool-area-full', 'PRINTER_FAULT', ['spool-area-full-error']],
    ];
    for (const [reasons, code, reported] of cases) {
      sim.setFault(reasons);
      expect(await driver.status(), reasons).toEqual({ ready: true, fault: { code, reasons: reported } });
    }
    sim.setFault('media-empty-report,toner-empty-warning');
    expect(await driver.status()).toEqual({ ready: true, fault: null });
    sim.setFault(null);
    expect(await driver.status()).toEqual({ ready: true, fault: null });
  });

  it('a printer that does not answer is not ready, and no fault is made up for it', async () => {
    const { sim, driver } = await setup();
    sim.setFault('media-empty');
    await sim.close();
    expect(await driver.status()).toEqual({ ready: false, fault: null });
    expect(await driver.isReady()).toBe(false);
  });
});
