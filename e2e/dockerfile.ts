import { readFileSync } from 'node:fs'

/** What the Dockerfile's final stage is made of, read from the file itself. */
export interface RuntimeStage {
  workdir: string
  env: Record<string, string>
  /** `COPY --from=…` sources (paths in the builder) and their destinations in the image. */
  copies: { sources: string[]; destination: string }[]
  cmd: string[]
  healthcheck: string[]
}

/** Joins continuation lines and drops comments. */
function instructions(text: string): string[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
}

function jsonArray(text: string): string[] {
  const value: unknown = JSON.parse(text)
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`expected a JSON array of strings, got ${text}`)
  }
  return value
}

export function readRuntimeStage(path: string): RuntimeStage {
  const all = instructions(readFileSync(path, 'utf8'))
  const lastFrom = all.findLastIndex((line) => /^FROM\s/i.test(line))
  const stage: RuntimeStage = { workdir: '/', env: {}, copies: [], cmd: [], healthcheck: [] }
  for (const line of all.slice(lastFrom + 1)) {
    const [, keyword = '', rest = ''] = line.match(/^(\w+)\s+(.*)$/) ?? []
    switch (keyword.toUpperCase()) {
      case 'WORKDIR':
        stage.workdir = rest
        break
      case 'ENV':
        for (const [, key = '', value = ''] of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g))
          stage.env[key] = value.replace(/^"|"$/g, '')
        break
      case 'COPY': {
        const parts = rest.split(/\s+/).filter((part) => !part.startsWith('--'))
        if (!/--from=/.test(rest)) throw new Error(`the runtime stage copies from the build context: ${line}`)
        stage.copies.push({ sources: parts.slice(0, -1), destination: parts.at(-1) ?? '.' })
        break
      }
      case 'CMD':
        stage.cmd = jsonArray(rest)
        break
      case 'HEALTHCHECK':
        stage.healthcheck = jsonArray(rest.slice(rest.indexOf('CMD') + 3).trim())
        break
    }
  }
  return stage
}
