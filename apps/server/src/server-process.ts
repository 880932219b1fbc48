import { fileURLToPath } from 'node:url'

const serverEntry = fileURLToPath(new URL('./index.ts', import.meta.url))

/** Runs the real server entry point as its own process on a free port, for tests that signal or measure it. */
export async function spawnServer(env: Record<string, string>) {
  const child = Bun.spawn(['bun', serverEntry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdout: 'pipe',
    stderr: 'inherit',
  })
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader()
  let printed = ''
  let port: string | undefined
  while (!port) {
    const { value, done } = await reader.read()
    if (done) throw new Error(`the server exited before listening:\n${printed}`)
    printed += value
    port = printed.match(/listening.*localhost:(\d+)/)?.[1]
  }
  // Keep draining its output so the pipe never fills.
  void (async () => {
    while (!(await reader.read()).done) {}
  })()
  return { child, port: Number(port), url: `ws://127.0.0.1:${port}/ws`, http: `http://127.0.0.1:${port}` }
}

/** One figure from a running server's /api/metrics. */
export async function metric(http: string, name: string): Promise<number> {
  const text = await (await fetch(`${http}/api/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  if (!line) throw new Error(`no metric ${name}`)
  return Number(line.slice(name.length + 1))
}
