/** One figure from a running server's /api/metrics. */
export async function metric(http: string, name: string, init?: RequestInit): Promise<number> {
  const text = await (await fetch(`${http}/api/metrics`, init)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  if (!line) throw new Error(`no metric ${name}`)
  return Number(line.slice(name.length + 1))
}
