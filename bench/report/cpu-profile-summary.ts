// Reads a .cpuprofile (Chrome's format, as `bun --cpu-prof` writes it) and ranks functions by
// the time sampled in them (self) and under them (total).
import { readFileSync } from 'node:fs'
import { z } from 'zod'

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
})

type ProfileNode = z.infer<typeof profileSchema>['nodes'][number]

function label(node: ProfileNode, root: string): string {
  const { functionName, url, lineNumber } = node.callFrame
  const where = url.replace(/.*node_modules\//, '').replace(root, '')
  return `${functionName || '(anonymous)'} ${where}${where ? `:${lineNumber + 1}` : ''}`
}

/** The `top` functions by self and by total share of the sampled time, as text. */
export function summarizeProfile(file: string, root: string, top = 25): string {
  const profile = profileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
  const sampled = new Map<number, number>()
  for (const [i, id] of profile.samples.entries())
    sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  let all = 0
  for (const [id, time] of sampled) {
    all += time
    const node = byId.get(id)
    if (!node) continue
    const name = label(node, root)
    self.set(name, (self.get(name) ?? 0) + time)
    const counted = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const ancestor = byId.get(at)
      if (!ancestor) break
      const ancestorName = label(ancestor, root)
      if (counted.has(ancestorName)) continue
      counted.add(ancestorName)
      total.set(ancestorName, (total.get(ancestorName) ?? 0) + time)
    }
  }
  const ranked = (times: Map<string, number>) =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => `${((time / all) * 100).toFixed(1).padStart(6)}%  ${name}`)
      .join('\n')
  return `${(all / 1e6).toFixed(1)} s sampled\n\nself:\n${ranked(self)}\n\ntotal:\n${ranked(total)}`
}
