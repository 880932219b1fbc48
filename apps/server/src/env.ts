import { FILES_MAX_PER_MESSAGE } from '@parley/events/rules'
import { z } from 'zod'
import { defaultFileLimits, type FileLimits } from './files/file-limits.ts'
import { defaultLimits, type Limits } from './limits.ts'
import { logLevels } from './ops/logger.ts'
import { defaultSqliteSync } from './storage/open-store.ts'

/** A secret from the environment: unset or empty means none. */
const secretSchema = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .min(16, 'use at least 16 characters (say, `openssl rand -hex 32`)')
    .regex(/^[\x21-\x7e]+$/, 'use printable ASCII without spaces')
    .optional(),
)

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Where the default SQLite database lives. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** `sqlite://path`, `postgres://…` or `memory:`; overrides DATA_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  /** `off`: no search (and SQLite indexes nothing). */
  SEARCH: z
    .enum(['on', 'off'])
    .default('on')
    .transform((value) => value === 'on'),
  /** SQLite: `full` syncs every commit to disk; `normal` leaves it to the OS (safe from crashes, not power loss). */
  SQLITE_SYNC: z
    .enum(['full', 'normal'], { error: 'use full (every commit synced to disk) or normal (synced at checkpoints)' })
    .default(defaultSqliteSync),
  /** The built web app to serve; defaults to apps/web/dist beside this package. */
  WEB_DIST: z.string().min(1).optional(),
  MESSAGE_RATE_LIMIT: z.coerce.number().min(0).default(defaultLimits.messageRate),
  MESSAGE_BURST: z.coerce.number().int().min(1).default(defaultLimits.messageBurst),
  MAX_ROOMS_PER_CONNECTION: z.coerce.number().int().min(1).default(defaultLimits.maxRoomsPerConnection),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(defaultLimits.maxConnectionsPerAddress),
  MAX_FRAME_BYTES: z.coerce.number().int().min(1024).default(defaultLimits.maxFrameBytes),
  IDLE_TIMEOUT: z.coerce.number().int().min(1).max(960).default(defaultLimits.idleTimeoutSeconds),
  BACKPRESSURE_LIMIT: z.coerce.number().int().min(1024).default(defaultLimits.backpressureBytes),
  /** Seconds after sending during which a message's author may edit it; 0: no limit. */
  EDIT_WINDOW_SECONDS: z.coerce.number().int().min(0).default(defaultLimits.editWindowSeconds),
  /** Bytes per uploaded file. */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(defaultFileLimits.maxBytes),
  /** Files per message (at most FILES_MAX_PER_MESSAGE, the protocol's own limit). */
  UPLOAD_MAX_FILES: z.coerce
    .number()
    .int()
    .min(1)
    .max(FILES_MAX_PER_MESSAGE)
    .default(defaultFileLimits.maxFilesPerMessage),
  /** Uploads one session may start per minute; 0: no limit. */
  UPLOADS_PER_MINUTE: z.coerce.number().int().min(0).default(defaultFileLimits.uploadsPerMinute),
  /** Bytes all stored files may take; 0: no limit but the disk's. */
  FILES_MAX_TOTAL_BYTES: z.coerce.number().int().min(0).default(defaultFileLimits.maxTotalBytes),
  /** Uploads are refused while the disk would keep less free than this. */
  UPLOAD_MIN_FREE_BYTES: z.coerce.number().int().min(0).default(defaultFileLimits.minFreeBytes),
  /** Seconds an upload may send nothing before it is dropped. */
  UPLOAD_STALL_SECONDS: z.coerce.number().min(1).default(defaultFileLimits.stallSeconds),
  /** Pixels an uploaded image may have. */
  UPLOAD_MAX_PIXELS: z.coerce.number().int().min(1).default(defaultFileLimits.maxPixels),
  /** Hours an upload may wait for a message to send it before it is removed. */
  UPLOAD_UNSENT_HOURS: z.coerce
    .number()
    .min(0)
    .default(defaultFileLimits.unsentMs / 3_600_000),
  /** Comma-separated origins, besides the page's own, allowed to open /ws. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /** redis://…: room traffic and presence across instances. */
  REDIS_URL: z.string().min(1).optional(),
  /** When set, /api/metrics wants `Authorization: Bearer <METRICS_TOKEN>`; unset or empty, it is open. */
  METRICS_TOKEN: secretSchema,
  /** The operator's token: a connection that presents it (`operator`) holds every right in every room. */
  ADMIN_TOKEN: secretSchema,
  LOG_LEVEL: z.enum(logLevels).default('info'),
  NODE_ENV: z.string().default('development'),
  WSX_DEBUG: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
})

export type Env = z.infer<typeof envSchema>

/** Reads and validates the environment; exits with a clear message when it is wrong. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
  console.error(`Parley cannot start, the environment is invalid:\n${problems}`)
  process.exit(1)
}

/** The upload limits the environment sets. */
export function fileLimitsFrom(env: Env): FileLimits {
  return {
    maxBytes: env.UPLOAD_MAX_BYTES,
    maxFilesPerMessage: env.UPLOAD_MAX_FILES,
    uploadsPerMinute: env.UPLOADS_PER_MINUTE,
    maxTotalBytes: env.FILES_MAX_TOTAL_BYTES,
    minFreeBytes: env.UPLOAD_MIN_FREE_BYTES,
    stallSeconds: env.UPLOAD_STALL_SECONDS,
    maxPixels: env.UPLOAD_MAX_PIXELS,
    unsentMs: env.UPLOAD_UNSENT_HOURS * 3_600_000,
  }
}

/** The limits the environment sets. */
export function limitsFrom(env: Env): Limits {
  return {
    messageRate: env.MESSAGE_RATE_LIMIT,
    messageBurst: env.MESSAGE_BURST,
    maxRoomsPerConnection: env.MAX_ROOMS_PER_CONNECTION,
    maxConnectionsPerAddress: env.MAX_CONNECTIONS_PER_ADDRESS,
    maxFrameBytes: env.MAX_FRAME_BYTES,
    idleTimeoutSeconds: env.IDLE_TIMEOUT,
    backpressureBytes: env.BACKPRESSURE_LIMIT,
    allowedOrigins: env.ALLOWED_ORIGINS,
    editWindowSeconds: env.EDIT_WINDOW_SECONDS,
  }
}
