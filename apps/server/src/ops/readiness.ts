import type { RoomBus } from '../delivery/room-bus.ts'
import type { MessageStore } from '../storage/message-store.ts'

/** How long the database may take to answer a readiness ping. */
const DATABASE_TIMEOUT_MS = 1_000

export interface ReadinessSources {
  store: Pick<MessageStore, 'ping' | 'problem'>
  bus: Pick<RoomBus, 'problem'>
  connections(): number
  /** True once the server has begun to shut down. */
  draining(): boolean
  /** When the server started (`Date.now()`). */
  startedAt: number
}

/** What `/api/readyz` (and its alias `/api/health`) answers. */
export interface Readiness {
  status: 200 | 503
  body: {
    status: 'ok' | 'degraded' | 'stopping'
    uptimeSeconds: number
    connections: number
    /** Why it is not ready, in words; absent when it is. */
    problems?: string[]
  }
}

/**
 * Ready means worth sending clients to: storage answers and reports no problem, the bus
 * reaches the other instances, and the server is not shutting down. 503 with the reasons
 * in words otherwise.
 */
export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const draining = sources.draining()
  // A server that is shutting down is closing its storage too: asking it would say nothing new.
  const problems = draining ? ['The server is shutting down'] : await engineProblems(sources)
  const ready = problems.length === 0
  return {
    status: ready ? 200 : 503,
    body: {
      status: draining ? 'stopping' : ready ? 'ok' : 'degraded',
      uptimeSeconds: Math.round((Date.now() - sources.startedAt) / 1000),
      connections: sources.connections(),
      ...(ready ? {} : { problems }),
    },
  }
}

async function engineProblems({ store, bus }: ReadinessSources): Promise<string[]> {
  const problems: string[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS)
  })
  await Promise.race([store.ping(), timeout])
    .catch((error: unknown) => {
      problems.push(`The database is unreachable (${error instanceof Error ? error.message : String(error)})`)
    })
    .finally(() => clearTimeout(timer))
  const storeProblem = store.problem?.()
  if (storeProblem) problems.push(storeProblem)
  const busProblem = bus.problem()
  if (busProblem) problems.push(busProblem)
  return problems
}
