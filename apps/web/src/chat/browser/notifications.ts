import { browserStorageKeys } from '@parley/events/rules'
import { useSyncExternalStore } from 'react'

const KEY = browserStorageKeys.notifyMentions

/** What the "notify me" switch can say. */
export type NotifyState = 'unsupported' | 'off' | 'on' | 'blocked'

const listeners = new Set<() => void>()

function notify(): void {
  for (const listener of [...listeners]) listener()
}

function supported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window
}

function wanted(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'on'
  } catch {
    return false
  }
}

function remember(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(KEY, 'on')
    else window.localStorage.removeItem(KEY)
  } catch {
    // Storage is disabled: the switch holds for this page only.
  }
  notify()
}

/** Whether mention notifications are on: asked for here, and allowed by the browser. */
export function notifyState(): NotifyState {
  if (!supported()) return 'unsupported'
  if (Notification.permission === 'denied') return 'blocked'
  return wanted() && Notification.permission === 'granted' ? 'on' : 'off'
}

/**
 * Turns mention notifications on or off. Turning them on asks the browser's permission
 * (only ever from here, after a click), and stays off if it is refused.
 */
export async function setNotifyMentions(on: boolean): Promise<NotifyState> {
  if (!supported()) return 'unsupported'
  if (!on) {
    remember(false)
    return notifyState()
  }
  const permission =
    Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission
  remember(permission === 'granted')
  return notifyState()
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange)
  // Permission can change in the browser's settings while the page is open.
  window.addEventListener('focus', onChange)
  return () => {
    listeners.delete(onChange)
    window.removeEventListener('focus', onChange)
  }
}

export function useNotifyState(): NotifyState {
  return useSyncExternalStore(subscribe, notifyState)
}
