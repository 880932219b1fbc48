import { expect, test } from 'bun:test'
import { browserStorageKeys } from '@parley/events/rules'
import { memoryStorage } from '../test/memory-storage.ts'
import {
  createLoadRecovery,
  isFailedLoad,
  RELOAD_AGAIN_AFTER_MS,
  type RecoveryEnvironment,
} from './preload-recovery.ts'

/** A page's environment whose clock, network and reloads the test drives; `storage` outlives "reloads". */
function page(storage: () => Storage, startAt = 1_000_000) {
  const tab = { now: startAt, online: true, reloads: 0, waitingForOnline: [] as (() => void)[] }
  const environment: RecoveryEnvironment = {
    storage,
    reload: () => {
      tab.reloads += 1
    },
    now: () => tab.now,
    whenOnline: (then) => (tab.online ? then() : tab.waitingForOnline.push(then)),
  }
  return { tab, recovery: createLoadRecovery(environment) }
}

test('the first failed load reloads the page once and remembers when', () => {
  const storage = memoryStorage()
  const { tab, recovery } = page(() => storage)
  const seen: string[] = []
  recovery.subscribe(() => seen.push(recovery.state))
  recovery.recover()
  recovery.recover()
  expect(tab.reloads).toBe(1)
  expect(recovery.state).toBe('reloading')
  expect(seen).toEqual(['reloading'])
  expect(storage.getItem(browserStorageKeys.loadFailureReload)).toBe(String(tab.now))
})

test('a failure on the page that reload brought gives up in words instead of reloading again', () => {
  const storage = memoryStorage()
  const first = page(() => storage)
  first.recovery.recover()
  const reloaded = page(() => storage, first.tab.now + 2_000)
  reloaded.recovery.recover()
  expect(reloaded.tab.reloads).toBe(0)
  expect(reloaded.recovery.state).toBe('failed')
})

test('a failure long after the last recovery reload (a later deploy) reloads again', () => {
  const storage = memoryStorage()
  const first = page(() => storage)
  first.recovery.recover()
  const later = page(() => storage, first.tab.now + RELOAD_AGAIN_AFTER_MS + 1)
  later.recovery.recover()
  expect(later.tab.reloads).toBe(1)
  expect(later.recovery.state).toBe('reloading')
})

test('offline, the reload waits until the browser is back online', () => {
  const storage = memoryStorage()
  const { tab, recovery } = page(() => storage)
  tab.online = false
  recovery.recover()
  expect(recovery.state).toBe('reloading')
  expect(tab.reloads).toBe(0)
  tab.now += 30_000
  for (const then of tab.waitingForOnline) then()
  expect(tab.reloads).toBe(1)
  expect(storage.getItem(browserStorageKeys.loadFailureReload)).toBe(String(tab.now))
})

test('without storage to remember a reload by, it never reloads (no loop) and says so', () => {
  const { tab, recovery } = page(() => {
    throw new DOMException('storage is disabled', 'SecurityError')
  })
  recovery.recover()
  expect(tab.reloads).toBe(0)
  expect(recovery.state).toBe('failed')
})

test('a stored time that is not a number counts as no earlier reload', () => {
  const storage = memoryStorage()
  storage.setItem(browserStorageKeys.loadFailureReload, 'yesterday')
  const { tab, recovery } = page(() => storage)
  recovery.recover()
  expect(tab.reloads).toBe(1)
})

test('failed loads are told apart from other errors, in every browser’s words', () => {
  const failed = [
    new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/ChatLayout-OLD.js'),
    new TypeError('error loading dynamically imported module: http://localhost/assets/ChatLayout-OLD.js'),
    new TypeError('Importing a module script failed.'),
    new Error('Unable to preload CSS for /assets/index-OLD.css'),
  ]
  for (const error of failed) expect(isFailedLoad(error)).toBe(true)
  for (const error of [new TypeError('x is undefined'), 'Failed to fetch dynamically imported module', null]) {
    expect(isFailedLoad(error)).toBe(false)
  }
})
