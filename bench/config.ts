// What one run measures and for how long; BENCH_QUICK=1 shortens everything for a smoke run.

// Read as one record, like the server's env.ts: these variables steer `npm run bench`, not turbo tasks.
const env: Record<string, string | undefined> = process.env
const quick = env.BENCH_QUICK === '1'

export interface RoomShape {
  /** Members per room. */
  members: number
  rooms: number
}

/** `32x8,2x64`: rooms of 32 (8 of them) and of 2 (64 of them). */
function parseShapes(text: string): RoomShape[] {
  return text.split(',').map((pair) => {
    const [members, rooms] = pair.split('x').map(Number)
    if (!members || !rooms) throw new Error(`BENCH_SHAPES: "${pair}" is not members×rooms, such as 32x8`)
    return { members, rooms }
  })
}

export const config = {
  quick,
  /**
   * Room sizes, each with enough rooms to make the totals comparable; each is ramped on every
   * compared server. BENCH_SHAPES=32x8,2x64,256x2 (members×rooms) picks others.
   */
  shapes: parseShapes(env.BENCH_SHAPES ?? '32x8,2x64'),
  /** The knee: the most deliveries/s whose step keeps the timed members' p99 within this. */
  kneeP99Ms: 50,
  /** Room sizes also ramped on Parley with `memory:` storage, to tell storage from the rest. */
  memoryVariantMembers: env.BENCH_MEMORY_VARIANT === '0' ? [] : [32, 2],
  /** One step at a fixed rate on every server: CPU per delivery and p99 there. */
  fixedRate: { shape: { members: 32, rooms: 8 } satisfies RoomShape, deliveriesPerSecond: 64_000 },
  /** Light load: messages/s (not deliveries) in conversations of two, p50 and p99. */
  lightLoad: { shape: { members: 2, rooms: 64 } satisfies RoomShape, messagesPerSecond: 1_000 },
  /** Seconds of each fixed-rate step (more than a ramp's: a p99 needs samples). */
  fixedSeconds: quick ? 2 : 4,
  /**
   * Parley on PostgreSQL and Redis, one instance then two sharing them, ramped on this shape
   * (BENCH_CLUSTER=0 skips it).
   */
  clusterShape: (env.BENCH_CLUSTER === '0' ? undefined : { members: 32, rooms: 8 }) satisfies RoomShape | undefined,
  /** The PostgreSQL database the cluster figure makes a schema of its own in. */
  postgresUrl: env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test',
  /** The Redis the cluster figure uses, database number included: 15 keeps its keys out of a developer's 0. */
  redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15',
  /** The shape the bad-input comparison runs on. */
  badInputMembers: 32,
  stepSeconds: quick ? 1 : 2,
  /** Deliveries per second of a ramp's first step. */
  startDeliveriesPerSecond: 20_000,
  /** While steps pass, each rate is this many times the last. */
  growth: quick ? 4 : 2,
  /** Rates tried per ramp, and runs including the one retry a failing rate gets. */
  maxRates: quick ? 6 : 9,
  maxRuns: quick ? 7 : 11,
  /** Bisecting stops when the failing rate is within this factor of the passing one. */
  precision: quick ? 1.3 : 1.15,
  joinsPerSecond: 100,
  joinSeconds: quick ? 1 : 3,
  idleConnections: quick ? 1_000 : 5_000,
  /** One room this big, its members joining evenly over `joinSeconds`, then one message to all. */
  bigRoom: {
    members: Number(env.BENCH_BIG_ROOM ?? (quick ? 1_000 : 5_000)),
    joinSeconds: quick ? 2 : 10,
  },
  /** Seconds to let memory settle after the idle connections are open. */
  idleSettleSeconds: quick ? 1 : 3,
  /** Invalid frames per second the bad client sends, over this many connections. */
  badFramesPerSecond: Number(env.BENCH_BAD_RATE ?? 500),
  badConnections: 10,
  storageMessages: Number(env.BENCH_MESSAGES ?? (quick ? 10_000 : 40_000)),
  storageRounds: quick ? 1 : 2,
  /**
   * Search (BENCH_SEARCH=0 skips it): a history seeded into SQLite and PostgreSQL, searches
   * timed on the real server, and stored messages/s with search on and off.
   */
  search:
    env.BENCH_SEARCH === '0'
      ? undefined
      : {
          messages: Number(env.BENCH_SEARCH_MESSAGES ?? (quick ? 100_000 : 1_000_000)),
          rooms: 100,
          /** Searches timed per kind, after `warmUpQueries` of the same kind. */
          queriesPerKind: quick ? 100 : 200,
          warmUpQueries: quick ? 10 : 20,
          /** The most seconds one kind of search may take on one engine; a slower kind reports the searches made by then. */
          secondsPerKind: quick ? 5 : 15,
          /** Rounds of stored messages/s with search off and on (config.storageMessages each). */
          indexingRounds: quick ? 1 : 3,
        },
  /** Seconds a run may spend, in all, waiting for other work on its CPUs to calm down before a step. */
  quietWaitBudgetSeconds: quick ? 30 : 60,
  /** Niceness for the run: on a shared machine a better priority keeps others' work out of the p99. */
  nice: Number(env.BENCH_NICE ?? -10),
  /** Parley's log level during the run (production logs at info). */
  logLevel: env.BENCH_LOG_LEVEL ?? 'info',
}
