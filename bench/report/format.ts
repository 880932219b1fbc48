// How the table writes numbers, ratios and verdicts.
import type { Row } from './row.ts'

const missing = (n: number | undefined): n is undefined => n === undefined || !Number.isFinite(n)

/** A whole number with thousands separators, or – when there is none. */
export const int = (n: number | undefined) => (missing(n) ? '–' : Math.round(n).toLocaleString('en-US'))
/** Two decimals (milliseconds, µs), or –. */
export const ms = (n: number | undefined) => (missing(n) ? '–' : n.toFixed(2))
export const pct = (share: number) => `${(share * 100).toFixed(1)}%`
/** a ÷ b, when both are numbers and b is not 0. */
export const ratioOf = (a: number | undefined, b: number | undefined) =>
  missing(a) || missing(b) || b === 0 ? undefined : a / b
export const fmtRatio = (r: number | undefined) => (r === undefined ? '–' : r.toFixed(2))
/** PASS or FAIL; a figure that could not be measured fails its target. */
export const verdict = (ok: boolean | undefined): Row['result'] => (ok ? 'PASS' : 'FAIL')
