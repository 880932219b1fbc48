import { createServer } from 'node:net'

/** A free TCP port on the loopback. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * A private Redis for one test, which the test may stop and start again on the same
 * port; `stop()`, or the end of an `await using` block, kills it.
 */
export async function startRedis(port?: number) {
  const redisPort = port ?? (await freePort())
  const child = Bun.spawn(
    ['redis-server', '--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdout: 'ignore',
      stderr: 'inherit',
    },
  )
  for (let tries = 0; tries < 100; tries++) {
    const ready =
      Bun.spawnSync(['redis-cli', '-p', String(redisPort), 'ping'])
        .stdout.toString()
        .trim() === 'PONG'
    if (ready) break
    await Bun.sleep(50)
  }
  const stop = async () => {
    child.kill('SIGKILL')
    await child.exited
  }
  return { port: redisPort, url: `redis://127.0.0.1:${redisPort}`, stop, [Symbol.asyncDispose]: stop }
}
