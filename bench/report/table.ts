// The summary table, as plain text with aligned columns.
import type { Row } from './figures.ts'

const columns: { key: keyof Row; title: string; right: boolean }[] = [
  { key: 'figure', title: 'figure', right: false },
  { key: 'parley', title: 'parley', right: true },
  { key: 'baseline', title: 'ceiling', right: true },
  { key: 'socketio', title: 'socket.io', right: true },
  { key: 'ratio', title: 'ratio', right: true },
  { key: 'target', title: 'target', right: false },
  { key: 'result', title: 'result', right: false },
]

const cell = (row: Row, key: keyof Row) => row[key] ?? ''

export function formatTable(rows: readonly Row[]): string {
  const widths = columns.map(({ key, title }) => Math.max(title.length, ...rows.map((row) => cell(row, key).length)))
  const line = (cells: string[]) =>
    cells
      .map((text, i) => {
        const width = widths[i] ?? 0
        return columns[i]?.right ? text.padStart(width) : text.padEnd(width)
      })
      .join('  ')
      .trimEnd()
  const header = line(columns.map((column) => column.title))
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [header, rule, ...rows.map((row) => line(columns.map(({ key }) => cell(row, key)))), '', ...legend].join('\n')
}

const legend = [
  'ceiling: a bare Bun.serve (servers/baseline-server.ts); socket.io: Socket.IO 4 on Node (servers/socketio-server.mjs),',
  'both measured in this run. ratio: parley ÷ ceiling unless the row says otherwise. knee: the most deliveries/s whose 2 s step',
  'keeps p99 within the limit with ≥ 95% delivered.  ≥ (knee): the load generator (one CPU) or the step budget was the',
  'limit, the server may do more; a ratio is then a bound (≤, ≥) or unknown (?), and a verdict may be inconclusive.',
  '(load) on a fixed-rate figure: the load generator was the limit of that step.',
  '?: decided by steps that shared our CPUs with other work (≥ 20%): run again on a quiet machine.',
]
