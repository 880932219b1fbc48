/** Prometheus's text exposition format (0.0.4): writing families, and reading them back. */

export type MetricType = 'counter' | 'gauge' | 'histogram'

/** A metric family: its HELP and TYPE lines, then its samples. */
export function family(name: string, type: MetricType, help: string, samples: string[]): string[] {
  return [
    `# HELP ${name} ${help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`,
    `# TYPE ${name} ${type}`,
    ...samples,
  ]
}

/** A label value escaped as the format wants it inside double quotes. */
export function labelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')
}

/** One sample line: `name{labels} value`. */
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

/** One family as read back: what its HELP and TYPE lines said, and its samples. */
export interface ParsedFamily {
  help: string
  type: string
  samples: Sample[]
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count']

/**
 * Reads the text format strictly: every sample must follow its family's HELP and TYPE
 * lines, histogram samples carry the family's name plus a suffix, and values are numbers.
 * Throws on the first line that breaks the format.
 */
export function parsePrometheusText(text: string): Map<string, ParsedFamily> {
  const families = new Map<string, ParsedFamily>()
  let current: { name: string; family: ParsedFamily } | undefined
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline')
  for (const line of text.slice(0, -1).split('\n')) {
    const meta = line.match(/^# (HELP|TYPE) (\S+) (.*)$/)
    if (meta) {
      const [, kind, name = '', rest = ''] = meta
      if (kind === 'HELP') {
        if (families.has(name)) throw new Error(`${name} is described twice`)
        current = { name, family: { help: rest, type: '', samples: [] } }
        families.set(name, current.family)
      } else if (current?.name !== name || current.family.type) throw new Error(`TYPE ${name} without its HELP`)
      else current.family.type = rest
      continue
    }
    const sample = line.match(SAMPLE)
    if (!sample) throw new Error(`not a sample line: ${line}`)
    const [, name = '', labelText = '', valueText = ''] = sample
    if (!current?.family.type) throw new Error(`${name} has no HELP and TYPE before it`)
    const suffix = name.slice(current.name.length)
    const belongs =
      name === current.name || (current.family.type === 'histogram' && HISTOGRAM_SUFFIXES.includes(suffix))
    if (!name.startsWith(current.name) || !belongs) throw new Error(`${name} sits under ${current.name}`)
    const value = valueText === '+Inf' ? Number.POSITIVE_INFINITY : Number(valueText)
    if (Number.isNaN(value)) throw new Error(`${name} has no numeric value: ${valueText}`)
    const labels: Record<string, string> = {}
    for (const [, key = '', raw = ''] of labelText.matchAll(LABEL))
      labels[key] = raw.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char))
    current.family.samples.push({ name, labels, value })
  }
  return families
}
