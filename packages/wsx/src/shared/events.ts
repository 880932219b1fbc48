import type { z } from 'zod'

/** One event: `request` validates what the sender sends, `response` what a request is answered with. */
interface EventDefinition {
  request?: z.ZodType
  response?: z.ZodType
}

/** The record of every event a client and server agree on. */
export type EventDefinitions = Record<string, EventDefinition>

/** Declares the events shared by server and client; returns them unchanged, with their types. */
export function defineEvents<const E extends EventDefinitions>(events: E): E {
  return events
}

type Keys<E> = Extract<keyof E, string>

/** Events that carry a payload: client sends, server pushes, and the request half of requests. */
export type PayloadEvent<E extends EventDefinitions> = {
  [K in Keys<E>]: E[K]['request'] extends z.ZodType ? K : never
}[Keys<E>]

/** Events a client can `request`: those with a response schema. */
export type RequestEvent<E extends EventDefinitions> = {
  [K in Keys<E>]: E[K]['response'] extends z.ZodType ? K : never
}[Keys<E>]

/** What a sender writes for an event (before defaults are applied). */
export type PayloadInput<E extends EventDefinitions, K extends keyof E> = E[K]['request'] extends z.ZodType
  ? z.input<E[K]['request']>
  : undefined

/** What a receiver gets for an event (after validation, defaults applied). */
export type Payload<E extends EventDefinitions, K extends keyof E> = E[K]['request'] extends z.ZodType
  ? z.output<E[K]['request']>
  : undefined

/** What a request handler returns. */
export type ResponseInput<E extends EventDefinitions, K extends keyof E> = E[K]['response'] extends z.ZodType
  ? z.input<E[K]['response']>
  : undefined

/** What a requester receives. */
export type Response<E extends EventDefinitions, K extends keyof E> = E[K]['response'] extends z.ZodType
  ? z.output<E[K]['response']>
  : undefined
