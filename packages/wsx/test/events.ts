import { z } from 'zod'
import { defineEvents } from '../src/shared/events.ts'

/** Events used across the package's tests. */
export const testEvents = defineEvents({
  echo: {
    request: z.object({ text: z.string().min(1), room: z.string().default('general') }),
    response: z.object({ text: z.string(), room: z.string() }),
  },
  fail: { request: z.object({}), response: z.object({}) },
  badAnswer: { request: z.object({}), response: z.object({ n: z.number() }) },
  wait: { request: z.object({ ms: z.number() }), response: z.object({ waited: z.number() }) },
  hold: { request: z.object({}), response: z.object({}) },
  join: { request: z.object({ topic: z.string() }), response: z.object({ topic: z.string() }) },
  leave: { request: z.object({ topic: z.string() }), response: z.object({ topic: z.string() }) },
  shout: { request: z.object({ topic: z.string(), text: z.string() }), response: z.object({}) },
  note: { request: z.object({ text: z.string() }) },
})

export type TestEvents = typeof testEvents
export type TestData = { notes: string[] }
