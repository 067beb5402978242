// Codara's web UI in a real browser: Debian's Chromium (never a downloaded one) against the running distribution
// at CODARA_URL, which the Java end-to-end test boots and passes in.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './specs',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Two cores: the server and one browser at a time.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: process.env.CODARA_UI_RESULTS ?? 'test-results',
  use: {
    baseURL: process.env.CODARA_URL ?? 'http://localhost:8080',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CODARA_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
        '--disable-component-update', '--disable-sync',
      ],
    },
  },
});
