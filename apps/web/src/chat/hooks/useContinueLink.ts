import { continueCode } from '@parley/events/rules'
import { useEffect, useRef } from 'react'
import { describeError } from '../model/errors.ts'
import { loadConnection } from '../net/client.ts'
import type { ChatStore } from '../store.ts'

/** Whether this page was opened by a "continue on another device" link (read before the address is cleared). */
export function openedByContinueLink(): boolean {
  return continueCode(window.location.hash) !== null
}

/**
 * Opened by a link `/#continue=<code>` from another device: takes the code out of the
 * address bar at once (a reload or a shared address must not carry it), redeems it,
 * keeps the session's token as this browser's and joins the session's rooms, as a join
 * by hand would. A used or expired link leaves the join screen with the reason in words.
 */
export function useContinueLink(
  store: ChatStore,
  join: (username: string, room: string) => Promise<void>,
  signOut: () => Promise<void>,
): void {
  // Read once, at start; the effect takes it, so a second run (React's strict mode) finds nothing.
  const code = useRef(continueCode(window.location.hash))

  useEffect(() => {
    const taken = code.current
    if (taken === null) return
    code.current = null
    const { pathname, search } = window.location
    window.history.replaceState(window.history.state, '', `${pathname}${search}`)
    const continueSession = async () => {
      const { redeemHandoff, browserTokens } = await loadConnection()
      const grant = await redeemHandoff(taken)
      // This tab becomes the other device's session: whatever it held before is let go.
      if (store.getState().rooms.length > 0) await signOut()
      browserTokens.save(grant.token)
      const refused: string[] = []
      for (const room of grant.rooms) {
        await join(grant.username, room).catch((error: unknown) => {
          refused.push(`Could not open #${room}: ${describeError(error)}`)
        })
      }
      if (refused.length > 0) store.dispatch({ type: 'notice', notice: refused.join(' ') })
    }
    continueSession().catch((error: unknown) => {
      store.dispatch({ type: 'notice', notice: describeError(error) })
    })
  }, [store, join, signOut])
}
