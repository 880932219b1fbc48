// The summary table, as plain text with aligned columns.
import type { Row } from './figures.ts'

const columns: { key: keyof Row; title: string; right: boolean }[] = [
  { key: 'figure', title: 'figure', right: false },
  { key: 'parley', title: 'parley', right: true },
  { key: 'baseline', title: 'baseline', right: true },
  { key: 'ratio', title: 'ratio', right: true },
  { key: 'target', title: 'target', right: false },
  { key: 'result', title: 'result', right: false },
]

export function formatTable(rows: readonly Row[]): string {
  const widths = columns.map(({ key, title }) => Math.max(title.length, ...rows.map((row) => row[key].length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? 0
        return columns[i]?.right ? cell.padStart(width) : cell.padEnd(width)
      })
      .join('  ')
      .trimEnd()
  const header = line(columns.map((column) => column.title))
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [header, rule, ...rows.map((row) => line(columns.map(({ key }) => row[key]))), '', ...legend].join('\n')
}

const legend = [
  'ratio: parley ÷ baseline (2 instances ÷ 1 on the instance rows).  ≥ (deliveries): the load generator (one CPU) or the step budget was the limit,',
  'the server may do more; a ratio is then a bound (≤, ≥) or unknown (?), and a target verdict may be inconclusive.',
  '?: decided by steps that shared our CPUs with other work (≥ 20%): run again on a quiet machine.',
]
