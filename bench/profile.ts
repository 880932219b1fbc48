// Profiles Parley under one fixed load step: bun bench/profile.ts [members] [rooms] [deliveries/s] [seconds] [sqlite|memory]
// The server runs with `bun --cpu-prof` (pinned like in npm run bench); the profile is written
// to a temporary folder when it stops, and its busiest functions are printed, after the
// server's CPU per message thread by thread.
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { closeRooms, openRooms } from './load/rooms.ts'
import { runStep } from './load/step.ts'
import { threadCpuTimes } from './machine/proc-stats.ts'
import { isRelaunched, relaunchPinned } from './machine/relaunch.ts'
import { summarizeProfile } from './report/cpu-profile-summary.ts'
import { settleConnections } from './servers/probes.ts'
import { type Storage, startParley } from './servers/start-servers.ts'

if (!isRelaunched) await relaunchPinned(import.meta.path, process.argv.slice(2))

const [membersArg = '32', roomsArg = '8', rateArg = '100000', secondsArg = '5', storageArg = 'sqlite'] =
  process.argv.slice(2)
const members = Number(membersArg)
const rooms = Number(roomsArg)
const deliveriesPerSecond = Number(rateArg)
const seconds = Math.min(Number(secondsArg), 60)
const storage: Storage = storageArg === 'memory' ? 'memory' : 'sqlite'

const profileDir = mkdtempSync(join(tmpdir(), 'parley-profile-'))
const server = await startParley(storage, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`])
try {
  const joined = await openRooms([server], 'profile', rooms, members)
  const before = threadCpuTimes(server.pid)
  const step = await runStep(joined, deliveriesPerSecond / (rooms * members), seconds, [server])
  const after = threadCpuTimes(server.pid)
  console.log(
    `${rooms} rooms of ${members}, ${storage}: ${Math.round(step.deliveriesPerSecond).toLocaleString('en-US')} deliveries/s,` +
      ` ${Math.round(step.deliveredShare * 100)}% delivered, p50 ${step.p50Ms.toFixed(2)} ms, p99 ${step.p99Ms.toFixed(2)} ms,` +
      ` server CPU ${Math.round(step.serverCpuShare * 100)}%, load CPU ${Math.round(step.loadCpuShare * 100)}%,` +
      ` server HTTP round trip p99 ${step.serverHttpP99Ms.toFixed(1)} ms (max ${step.serverHttpMaxMs.toFixed(1)})`,
  )
  console.log(cpuPerMessage(before, after, step.ratePerRoom * step.seconds * rooms))
  closeRooms(joined)
  await settleConnections(server, 0)
} finally {
  await server.stop()
}
const profile = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'))
if (!profile) throw new Error(`no profile was written to ${profileDir}`)
const root = fileURLToPath(new URL('../', import.meta.url))
console.log(`\n${join(profileDir, profile)} (start-up and shutdown included)\n`)
console.log(summarizeProfile(join(profileDir, profile), root))
process.exit(0)

/** The server's CPU per message sent during the step, thread by thread (the sampled profile below covers the main thread only). */
function cpuPerMessage(
  before: ReturnType<typeof threadCpuTimes>,
  after: ReturnType<typeof threadCpuTimes>,
  messages: number,
): string {
  const perMessage = (seconds: number) => `${((seconds * 1e6) / messages).toFixed(1)} µs`
  const lines = [
    `server CPU per message sent (${Math.round(messages).toLocaleString('en-US')} messages), user + system:`,
  ]
  for (const [name, end] of after) {
    const start = before.get(name) ?? { user: 0, system: 0 }
    const user = end.user - start.user
    const system = end.system - start.system
    if (user + system > 0) lines.push(`  ${name.padEnd(14)} ${perMessage(user)} + ${perMessage(system)}`)
  }
  return lines.join('\n')
}
