// The first visit's rows of the summary: bytes on the wire before the join screen, per way of asking.
import type { Asked, FirstVisitFigure } from '../phases/first-visit.ts'
import { int, verdict } from './format.ts'
import { blank, type Row } from './row.ts'

const asking: [Asked, string][] = [
  ['brotli', 'br, gzip'],
  ['gzip', 'gzip'],
  ['none', 'no compression'],
]

/**
 * A browser that accepts brotli gets the scripts and stylesheet it needs before the join
 * screen in at most the bytes the entry and the stylesheet take at gzip -9: compressed, and
 * nothing more than those two fetched first. Parley only.
 */
export function firstVisitRows(visit: FirstVisitFigure | undefined): Row[] {
  const target = visit?.entryAndStyleGzipBytes
  return [
    {
      ...blank,
      figure: 'first visit: bytes before the join screen (of which JavaScript)',
    },
    ...asking.map(([asked, label], i): Row => {
      const row: Row = {
        ...blank,
        figure: `  Accept-Encoding: ${label}`,
        parley: visit ? `${int(visit.totalBytes[asked])} (${int(visit.scriptBytes[asked])})` : '–',
      }
      if (i > 0) return row
      return {
        ...row,
        target: `scripts + CSS ≤ ${int(target)}, entry + CSS at gzip -9`,
        result: verdict(visit && target !== undefined ? visit.scriptAndStyleBytes.brotli <= target : undefined),
      }
    }),
  ]
}
