import { existsSync } from 'node:fs'

/**
 * Debian's headless shell (package `chromium-headless-shell`): the build Playwright itself
 * runs headless, and on this suite about a third cheaper in CPU than the full browser.
 * The binary comes before `/usr/bin/…`, a launcher script.
 */
export const HEADLESS_SHELL_PATHS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell']

/**
 * Full browsers, where Debian, Ubuntu and Chrome installs put them. Debian's real binary
 * comes before `/usr/bin/chromium`, a launcher script that adds flags of its own (GPU
 * rasterisation, extensions).
 */
const BROWSER_PATHS = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

/** The Chromium to drive: `PLAYWRIGHT_CHROMIUM_PATH`, else the first system install found, headless shell first. */
export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const configured = env.PLAYWRIGHT_CHROMIUM_PATH
  if (configured) return existsSync(configured) ? configured : undefined
  return [...HEADLESS_SHELL_PATHS, ...BROWSER_PATHS].find((path) => existsSync(path))
}
