// Makes sure a Chromium exists before the browser tests: finds one, or installs
// Debian's package when running as root, or says exactly what to install.
import { findChromium } from './chromium.ts'

function run(command: string[]): boolean {
  const result = Bun.spawnSync(command, {
    stdout: 'inherit',
    stderr: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  return result.exitCode === 0
}

const found = findChromium()
if (found) process.exit(0)

if (process.env.PLAYWRIGHT_CHROMIUM_PATH) {
  console.error(`PLAYWRIGHT_CHROMIUM_PATH is set to ${process.env.PLAYWRIGHT_CHROMIUM_PATH}, but nothing is there.`)
  process.exit(1)
}

const isRoot = process.getuid?.() === 0
if (isRoot && Bun.which('apt-get')) {
  console.log('No Chromium found: installing Debian\'s "chromium" package for the browser tests.')
  if (run(['apt-get', 'update', '-qq']) && run(['apt-get', 'install', '-y', '-qq', 'chromium']) && findChromium()) {
    process.exit(0)
  }
}

console.error(
  [
    'The browser tests need Chromium, and none was found.',
    '  Debian/Ubuntu: sudo apt-get install chromium',
    '  or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium or Chrome executable.',
  ].join('\n'),
)
process.exit(1)
