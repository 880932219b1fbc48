// Makes sure a Chromium exists before the browser tests. It prefers Debian's headless
// shell and installs it when running as root; otherwise it takes any Chromium found, or
// says exactly what to install.
import { existsSync } from 'node:fs'
import { findChromium, HEADLESS_SHELL_PATHS } from './chromium.ts'

function run(command: string[]): boolean {
  const result = Bun.spawnSync(command, {
    stdout: 'inherit',
    stderr: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  return result.exitCode === 0
}

const configured = process.env.PLAYWRIGHT_CHROMIUM_PATH
if (configured) {
  if (existsSync(configured)) process.exit(0)
  console.error(`PLAYWRIGHT_CHROMIUM_PATH is set to ${configured}, but nothing is there.`)
  process.exit(1)
}

const hasHeadlessShell = () => HEADLESS_SHELL_PATHS.some((path) => existsSync(path))
if (hasHeadlessShell()) process.exit(0)

const isRoot = process.getuid?.() === 0
if (isRoot && Bun.which('apt-get')) {
  console.log('Installing Debian\'s "chromium-headless-shell" package for the browser tests.')
  if (run(['apt-get', 'update', '-qq']) && run(['apt-get', 'install', '-y', '-qq', 'chromium-headless-shell'])) {
    if (hasHeadlessShell()) process.exit(0)
  }
}

const found = findChromium()
if (found) {
  console.log(`Using ${found}; the headless shell (Debian's chromium-headless-shell) would cost less CPU.`)
  process.exit(0)
}

console.error(
  [
    'The browser tests need Chromium, and none was found.',
    '  Debian/Ubuntu: sudo apt-get install chromium-headless-shell (or chromium)',
    '  or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium or Chrome executable.',
  ].join('\n'),
)
process.exit(1)
