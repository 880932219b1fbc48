import { HANDOFF_TTL_SECONDS } from '@parley/events/rules'

/** How handoff codes behave; `AppConfig.handoff` overrides any of them. */
export interface HandoffLimits {
  /** How long a code can be redeemed after it was made; 0 makes codes that are expired at once (for tests). */
  ttlMs: number
  /** Redemption tries one address may make per minute, counted whether they succeed or not; 0: no limit. */
  triesPerMinute: number
  /** How often expired codes are removed from storage. */
  sweepEveryMs: number
}

export const defaultHandoffLimits: HandoffLimits = {
  ttlMs: HANDOFF_TTL_SECONDS * 1000,
  triesPerMinute: 10,
  sweepEveryMs: 60_000,
}
