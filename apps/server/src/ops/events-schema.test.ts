import { expect, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { events } from '@parley/events'
import { z } from 'zod'
import { startParley } from '../../test/start-parley.ts'
import { eventsDocumentText } from './events-schema.ts'
import { readEventsSchema } from './events-schema-file.ts'

const jsonSchema = z.looseObject({ $schema: z.string(), type: z.literal('object') })
const documentSchema = z.object({
  title: z.string(),
  version: z.string(),
  protocol: z.literal('wsx 1.0'),
  events: z.record(
    z.string(),
    z.object({
      direction: z.enum(['request', 'send', 'push']),
      request: jsonSchema.optional(),
      response: jsonSchema.optional(),
      push: jsonSchema.optional(),
    }),
  ),
})

test('/api/events.schema.json describes every event; join needs a username and may leave out its room', async () => {
  await using parley = await startParley()
  const response = await fetch(`${parley.http}/api/events.schema.json`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toStartWith('application/json')
  const document = documentSchema.parse(await response.json())
  expect(Object.keys(document.events).sort()).toEqual(Object.keys(events).sort())

  const join = document.events.join
  expect(join?.direction).toBe('request')
  expect(join?.request?.required).toEqual(['username'])
  expect(join?.request?.properties).toMatchObject({ room: { type: 'string', default: 'general' } })
  expect(join?.response?.required).toContain('token')
  expect(document.events.typing).toEqual({ direction: 'send', request: expect.any(Object) })
  expect(document.events.message).toEqual({ direction: 'push', push: expect.any(Object) })
  expect(document.events.message?.push?.required).toEqual(
    expect.arrayContaining(['messageId', 'username', 'message', 'timestamp']),
  )
})

test('the build script writes the document the server serves, and the server serves a built file as it is', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'parley-schema-'))
  try {
    const written = join(folder, 'events.schema.json')
    const script = new URL('../../scripts/events-schema.ts', import.meta.url).pathname
    const run = Bun.spawnSync([process.execPath, script, written])
    expect(run.exitCode).toBe(0)
    const text = await Bun.file(written).text()
    expect(text).toBe(eventsDocumentText())
    expect(await readEventsSchema(pathToFileURL(written))).toBe(text)
    expect(await readEventsSchema(pathToFileURL(join(folder, 'absent.json')))).toBe(eventsDocumentText())

    writeFileSync(written, '{"not":"events"}')
    await expect(readEventsSchema(pathToFileURL(written))).rejects.toThrow()
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
