import type { FileLimits } from './files/file-limits.ts'
import type { HandoffLimits } from './handoff/handoff-limits.ts'
import type { Limits } from './limits.ts'
import type { Logger } from './ops/logger.ts'
import type { StorageConfig } from './storage/open-store.ts'

/** Everything createApp needs; index.ts fills it from the environment. */
export interface AppConfig {
  /** Where history lives. */
  storage: StorageConfig
  /** The built web app (index.html and assets/); omitted in development, where Vite serves it. */
  webDist?: string
  /** Redis, for room events and presence across instances; one instance without it. */
  redisUrl?: string
  /** What one client may do; the defaults where omitted. */
  limits?: Partial<Limits>
  /** What uploads may do; the defaults where omitted. */
  fileLimits?: Partial<FileLimits>
  /** How "continue on another device" codes behave; the defaults where omitted. */
  handoff?: Partial<HandoffLimits>
  /** Where files live on one instance; `<dataDir>/files` when omitted (PostgreSQL keeps them itself). */
  filesDir?: string
  /** Where events are logged; silent when omitted. */
  logger?: Logger
  /** Log every wsx frame. */
  debug?: boolean
  /** Check every answer against its schema before sending it (a guard against our own bugs). Default true. */
  checkResponses?: boolean
  /** When set, a connection that presents it (`operator`) holds every right in every room. */
  adminToken?: string
  /** When set, `/api/metrics` answers only requests with `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string
  /** The text of `/api/events.schema.json`, as the build wrote it; built from `@parley/events` when omitted. */
  eventsSchema?: string
}
