import { defineConfig } from 'vitest/config';

// One runner for every package. Browser end-to-end tests live in tests/e2e and drive the
// system Chromium through playwright-core; they need built apps (`npm run build`).
export default defineConfig({
  test: {
    include: ['{common,hall-server,device-drivers,ui-kit,kiosk-ui,display-board,staff-ui,fixtures,tests}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
