import { fileURLToPath } from 'node:url'

const clientEntry = fileURLToPath(new URL('../src/client.ts', import.meta.url))

/** How long a test waits for a line before failing with what was printed. */
const WAIT_MS = 20_000

/** The terminal client as its own process, typed into through stdin and read from stdout and stderr. */
export interface Terminal extends AsyncDisposable {
  /** Types one line. */
  type(line: string): void
  /**
   * Waits until the output, after what earlier waits matched, holds `pattern`; returns
   * the match and moves past it, so successive waits follow the order of the output.
   */
  printed(pattern: RegExp): Promise<RegExpExecArray>
  /** Everything printed so far, stdout and stderr interleaved as they arrived. */
  output(): string
  /** Ends input; resolves with the exit code. */
  end(): Promise<number>
}

/** Starts `bun apps/cli/src/client.ts username room [...more]` against `url` (`room` may be an invite link). */
export function startTerminal(url: string, username: string, room: string, ...more: string[]): Terminal {
  const child = Bun.spawn(['bun', clientEntry, username, room, ...more], {
    env: { ...process.env, PARLEY_URL: url },
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
  })
  let printed = ''
  let from = 0
  let ended = false
  const wake = new Set<() => void>()
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder()
    for await (const chunk of stream) {
      printed += decoder.decode(chunk, { stream: true })
      for (const notify of wake) notify()
    }
  }
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)])
  void child.exited.then(async () => {
    await drained
    ended = true
    for (const notify of wake) notify()
  })

  return {
    type(line) {
      child.stdin.write(`${line}\n`)
      child.stdin.flush()
    },
    printed(pattern) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error('timed out')), WAIT_MS)
        const finish = (problem?: Error) => {
          clearTimeout(timer)
          wake.delete(check)
          if (problem)
            reject(new Error(`${username}'s terminal never printed ${pattern} (${problem.message}):\n${printed}`))
        }
        const check = () => {
          const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(printed.slice(from))
          if (match) {
            from += match.index + match[0].length
            finish()
            resolve(match)
          } else if (ended) finish(new Error('it ended'))
        }
        wake.add(check)
        check()
      })
    },
    output: () => printed,
    async end() {
      child.stdin.end()
      return child.exited
    },
    async [Symbol.asyncDispose]() {
      child.kill('SIGKILL')
      await child.exited
    },
  }
}
