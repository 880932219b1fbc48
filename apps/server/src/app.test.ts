import { afterEach, expect, test } from 'bun:test'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startParley } from '../test/start-parley.ts'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step()
})

async function start(webDist?: string) {
  const parley = await startParley({ webDist })
  cleanup.push(() => parley.stop())
  return parley
}

function fakeWebBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), 'parley-web-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Parley</title>')
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)')
  cleanup.push(() => rmSync(dist, { recursive: true, force: true }))
  return dist
}

test('/api/health answers 200 with a small JSON body', async () => {
  await using parley = await startParley()
  const response = await fetch(`${parley.http}/api/health`)
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({ status: 'ok', connections: 0 })
})

test('an unknown /api path is a JSON 404, not the web app', async () => {
  const { http } = await start(fakeWebBuild())
  const response = await fetch(`${http}/api/nothing`)
  expect(response.status).toBe(404)
  expect(await response.json()).toEqual({ error: 'Not found' })
})
