import { existsSync } from 'node:fs'

/** Where Debian, Ubuntu and Chrome installs put a Chromium-family browser. */
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

/** The Chromium to drive: `PLAYWRIGHT_CHROMIUM_PATH`, else the first system install found. */
export function findChromium(env: Record<string, string | undefined> = process.env): string | undefined {
  const configured = env.PLAYWRIGHT_CHROMIUM_PATH
  if (configured) return existsSync(configured) ? configured : undefined
  return SYSTEM_PATHS.find((path) => existsSync(path))
}
