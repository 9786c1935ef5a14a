// Small helpers for the server's own pages (/t/<token>, /v/<code>, the landing page).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Where the web font's CSS and files are served (see webFontDir). */
export const webFontPath = '/fonts/noto-sans-sc';

/**
 * The Chinese web font the apps ship (Noto Sans SC, split by unicode-range so a page fetches
 * only the pieces its characters need), for the server's own pages: phones and the kiosk's
 * browser may have no CJK font of their own.
 */
export const webFontLinks = `<link rel="stylesheet" href="${webFontPath}/400.css"><link rel="stylesheet" href="${webFontPath}/700.css">`;
export const webFontFamily = `"Noto Sans SC",system-ui,sans-serif`;

/** The font package's directory, and which of its files may be served. */
export function webFontDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css'));
}
export const webFontFile = /^\/(?:[47]00\.css|files\/noto-sans-sc-[\w-]+\.woff2?)$/;
