import { handoffRedeemSchema } from '@parley/events'
import { HANDOFF_PATH } from '@parley/events/rules'
import { Elysia } from 'elysia'
import { TokenBucket } from '../connections/token-bucket.ts'
import type { Logger } from '../ops/logger.ts'
import type { HandoffLimits } from './handoff-limits.ts'
import type { Handoffs } from './handoffs.ts'

/** The largest body a redemption needs: `{"code": "<43 characters>"}` and some room. */
const MAX_BODY_BYTES = 1024

/** One answer for an unknown, used or expired code, so the three cannot be told apart. */
const GONE =
  'This link has been used or has expired. On the device you are chatting on, make a new one with "Continue on another device".'

/** An answer that no cache keeps: a redemption carries a session token. */
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } })

/**
 * `POST /api/handoff` with `{code}`: answers the session the code stands for
 * (`{username, token, rooms}`) once; every refusal is a status and words. Each address
 * has so many tries a minute, so guessing codes is hopeless even before their 256 bits.
 */
export function handoffRoute({ handoffs, limits, log }: { handoffs: Handoffs; limits: HandoffLimits; log: Logger }) {
  /** Each address's tries, and when it last tried: a bucket unused for a minute is full again, and dropped. */
  const tries = new Map<string, { bucket: TokenBucket; usedAt: number }>()
  const pruneTries = setInterval(() => {
    const idle = performance.now() - 60_000
    for (const [address, entry] of tries) if (entry.usedAt < idle) tries.delete(address)
  }, 60_000)
  pruneTries.unref()

  /** Takes one try for `address`; the seconds to wait when there is none left. */
  function waitFor(address: string): number | undefined {
    if (limits.triesPerMinute === 0) return undefined
    const entry = tries.get(address) ?? {
      bucket: new TokenBucket(limits.triesPerMinute / 60, limits.triesPerMinute),
      usedAt: 0,
    }
    tries.set(address, entry)
    entry.usedAt = performance.now()
    return entry.bucket.take() ? undefined : Math.ceil(entry.bucket.waitMs / 1000)
  }

  async function redeem(request: Request, address: string): Promise<Response> {
    const wait = waitFor(address)
    if (wait !== undefined) {
      log.warn('handoff-tries-refused', {})
      return answer(
        429,
        { error: `Too many tries: wait ${wait} s, then open the link again` },
        {
          'retry-after': String(wait),
        },
      )
    }
    const length = Number(request.headers.get('content-length') ?? 0)
    if (length > MAX_BODY_BYTES) return answer(413, { error: 'Send only {"code": "…"}' })
    const text = await request.text()
    if (text.length > MAX_BODY_BYTES) return answer(413, { error: 'Send only {"code": "…"}' })
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return answer(400, { error: 'Send JSON: {"code": "…"}' })
    }
    const parsed = handoffRedeemSchema.safeParse(body)
    if (!parsed.success) return answer(400, { error: parsed.error.issues.map((issue) => issue.message).join('; ') })
    const grant = await handoffs.redeem(parsed.data.code)
    if (!grant) return answer(410, { error: GONE })
    log.info('handoff-redeemed', { rooms: grant.rooms.length })
    return answer(200, grant)
  }

  return new Elysia({ name: 'handoff' })
    .post(HANDOFF_PATH, async ({ request, server }) => {
      try {
        return await redeem(request, server?.requestIP(request)?.address ?? 'unknown')
      } catch (error) {
        log.error('handoff-redeem-failed', { error: error instanceof Error ? error.message : String(error) })
        return answer(503, { error: 'The link cannot be checked right now: try again in a moment' })
      }
    })
    .onStop(() => clearInterval(pruneTries))
}
