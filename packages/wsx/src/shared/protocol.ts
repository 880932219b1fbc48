import { z } from 'zod'

/** The protocol version this package speaks. */
export const PROTOCOL_VERSION = '1.0'
export const PROTOCOL_MAJOR = 1

const messageKinds = ['send', 'request', 'response_ok', 'response_error'] as const

/** The envelope every frame carries, as the wire protocol defines it. */
export const wireMessageSchema = z.object({
  v: z.string().regex(/^\d+\.\d+$/, 'must be "MAJOR.MINOR"'),
  t: z.enum(messageKinds),
  x: z.string().min(1),
  id: z.string().optional(),
  w: z.number().optional(),
  p: z.unknown().optional(),
  e: z.object({ message: z.string(), cause: z.unknown().optional() }).optional(),
})

export type WireMessage = z.infer<typeof wireMessageSchema>

/** The MAJOR part of a `v` field. */
export function majorOf(version: string): number {
  return Number.parseInt(version, 10)
}

/** Turns zod issues into one short sentence naming each failing field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
}

/** The plain, serialisable form of zod issues carried in `e.cause`. */
export function issuesCause(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
}
