// What a printer's `printer-state-reasons` and a job's `job-state-reasons` (RFC 8011 §5.4.12,
// §5.3.8; PWG 5100.x) mean for a kiosk print. Pure: keywords in, a verdict out.
//
// A reason keyword may carry a severity suffix: `-error` stops printing, `-warning` and
// `-report` are information (a tray running low, a toner that will soon run out). A keyword
// without a suffix is an error (RFC 8011: "If the Printer does not add any suffix, clients
// MUST assume that the reason is an error"). Only error reasons whose meaning we know stop a
// kiosk print: an unknown error keyword is left to the job's own state and the timeout.

/** Why an A4 print cannot go on, in the driver's terms (see `toReply` for the agent's). */
export type A4FaultCode = 'PAPER_JAM' | 'COVER_OPEN' | 'PAPER_END' | 'OUT_OF_TONER' | 'PRINTER_OFFLINE' | 'PRINTER_FAULT';

export type ReasonSeverity = 'error' | 'warning' | 'report';

export function parseReason(keyword: string): { base: string; severity: ReasonSeverity } {
  const match = /^(.+)-(error|warning|report)$/.exec(keyword);
  return match ? { base: match[1]!, severity: match[2] as ReasonSeverity } : { base: keyword, severity: 'error' };
}

/** True for a reason that stops a printer: an `-error`, or a keyword without suffix other than `none`. */
export function isStoppingReason(keyword: string): boolean {
  return keyword !== 'none' && parseReason(keyword).severity === 'error';
}

/**
 * Known reason keywords (without suffix) and the fault each one means, most specific first:
 * when a printer reports several (a jam usually comes with `paused` or `media-needed`), the
 * first one here names the fault.
 */
export const reasonFaults: ReadonlyArray<readonly [base: string, code: A4FaultCode]> = [
  ['media-jam', 'PAPER_JAM'],
  ['door-open', 'COVER_OPEN'],
  ['cover-open', 'COVER_OPEN'],
  ['interlock-open', 'COVER_OPEN'],
  ['media-empty', 'PAPER_END'],
  ['media-needed', 'PAPER_END'],
  ['marker-supply-empty', 'OUT_OF_TONER'],
  ['toner-empty', 'OUT_OF_TONER'],
  ['offline', 'PRINTER_OFFLINE'],
  ['shutdown', 'PRINTER_OFFLINE'],
  // A CUPS queue that was disabled (by staff, or by CUPS itself after a backend failure) is `paused`.
  ['paused', 'PRINTER_FAULT'],
  ['stopped', 'PRINTER_FAULT'],
];

export interface ReasonFault {
  code: A4FaultCode;
  /** The keywords, as reported, that made the verdict (for the log). */
  reasons: string[];
}

/** The fault named by the stopping reasons among `keywords`, or null when none of them stops a print. */
export function faultOfReasons(keywords: readonly string[]): ReasonFault | null {
  const stopping = keywords.filter(isStoppingReason);
  for (const [base, code] of reasonFaults) {
    if (stopping.some((k) => parseReason(k).base === base)) {
      const reasons = stopping.filter((k) => reasonFaults.some(([b, c]) => c === code && b === parseReason(k).base));
      return { code, reasons };
    }
  }
  return null;
}
