import { defineConfig, devices } from '@playwright/test'
import { findChromium } from './e2e/chromium.ts'
import { E2E_ADMIN_TOKEN } from './e2e/operator-token.ts'

const PORT = Number(process.env.E2E_PORT ?? 3101)
/** A server already running (the image's files, from e2e/run-image.ts); else `npm start` is started. */
const external = process.env.E2E_BASE_URL
const baseURL = external ?? `http://127.0.0.1:${PORT}`

/**
 * Browser tests against the production build, started the way `npm start` starts it.
 * Chromium comes from PLAYWRIGHT_CHROMIUM_PATH or the system, Debian's headless shell first
 * (`npm run e2e` installs it). Of the launch flags tried on top of these (no software
 * rasteriser, GL disabled), none changed CPU or wall time beyond the noise.
 */
/**
 * Specs that build and start servers of their own from the source: against the image's
 * files they prove nothing more, so that run leaves them out instead of counting them skipped.
 */
const SOURCE_ONLY = ['deploy.spec.ts']

export default defineConfig({
  testDir: './e2e',
  testIgnore: external ? SOURCE_ONLY : [],
  fullyParallel: true,
  // Two workers beside the server on two cores: the whole suite took 2.6 min against 3.4 min with one.
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // The slowest test takes about 13 s on a quiet machine; the two that need more say so.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  outputDir: 'test-results',
  use: {
    baseURL,
    // A trace of every test, kept when it fails: DOM snapshots of each step, without the
    // screencast, which films every page of every context all the time (on the a11y and chat
    // specs it doubled Chromium's CPU and made an axe scan of the chat view take 15-25 s).
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: findChromium(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: external
    ? undefined
    : {
        command: 'npm start',
        url: `${baseURL}/api/health`,
        // The operator's token room-rights.spec.ts acts with.
        env: { PORT: String(PORT), HOST: '127.0.0.1', ADMIN_TOKEN: E2E_ADMIN_TOKEN },
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
})
