import { handoffAnswerSchema, httpErrorSchema } from '@parley/events'
import { HANDOFF_PATH } from '@parley/events/rules'

/** `POST /api/handoff` on the server at `http` with `body` (JSON unless a string is given). */
export function redeemRequest(http: string, body: unknown): Promise<Response> {
  return fetch(http + HANDOFF_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** Redeems `code`: the session it hands over, or the status and words of the refusal. */
export async function redeem(http: string, code: string) {
  const response = await redeemRequest(http, { code })
  const json: unknown = await response.json()
  if (response.ok) return { status: response.status, grant: handoffAnswerSchema.parse(json), response }
  return { status: response.status, error: httpErrorSchema.parse(json).error, response }
}
