import { type HandoffAnswer, handoffAnswerSchema, httpErrorSchema } from '@parley/events'
import { HANDOFF_PATH } from '@parley/events/rules'

/** Words for a refusal whose body says nothing readable. */
function statusReason(status: number): string {
  if (status === 410 || status === 404)
    return 'This link has been used or has expired. Make a new one on the other device.'
  if (status === 429) return 'Too many tries from here: wait a minute, then open the link again.'
  return status >= 500
    ? `The server could not open the link right now (error ${status}). Try again in a moment.`
    : `The server refused the link (error ${status}).`
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** What the server's answer to a redemption means: the session, or why not in words. */
export function readHandoffAnswer(status: number, body: string): { grant: HandoffAnswer } | { error: string } {
  const value = parseJson(body)
  if (status >= 200 && status < 300) {
    const answer = handoffAnswerSchema.safeParse(value)
    return answer.success
      ? { grant: answer.data }
      : { error: 'The server answered the link in a way this page does not understand.' }
  }
  const refusal = httpErrorSchema.safeParse(value)
  return { error: refusal.success && refusal.data.error.trim() !== '' ? refusal.data.error : statusReason(status) }
}

/**
 * Redeems a "continue on another device" code (`POST /api/handoff`): the session it hands
 * over, once. Rejects with the reason in words.
 */
export async function redeemHandoff(code: string, fetcher: typeof fetch = fetch): Promise<HandoffAnswer> {
  let response: Response
  try {
    response = await fetcher(HANDOFF_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    })
  } catch {
    throw new Error('The link could not reach the server: check the connection, then open it again.')
  }
  const answer = readHandoffAnswer(response.status, await response.text())
  if ('error' in answer) throw new Error(answer.error)
  return answer.grant
}
