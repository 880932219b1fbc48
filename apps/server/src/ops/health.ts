import type { RoomBus } from '../delivery/room-bus.ts'
import type { MessageStore } from '../storage/message-store.ts'

const DATABASE_TIMEOUT_MS = 1_000

export interface HealthSources {
  store: MessageStore
  bus: RoomBus
  connections(): number
}

/** What `/api/health` answers: 200 when every engine is reachable, 503 with the reasons when not. */
export async function checkHealth({ store, bus, connections }: HealthSources, startedAt: number) {
  const problems: string[] = []
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('timed out')), DATABASE_TIMEOUT_MS),
  )
  await Promise.race([store.ping(), timeout]).catch((error: unknown) => {
    problems.push(`The database is unreachable (${error instanceof Error ? error.message : String(error)})`)
  })
  const busProblem = bus.problem()
  if (busProblem) problems.push(busProblem)
  const body = {
    status: problems.length === 0 ? 'ok' : 'degraded',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    connections: connections(),
    ...(problems.length > 0 ? { problems } : {}),
  }
  return { status: problems.length === 0 ? 200 : 503, body }
}
