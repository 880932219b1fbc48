import { describe, expect, test } from 'bun:test'
import type { ChatEvents } from '@parley/events'
import type { ConnectionStatus, WsxClient } from '@parley/wsx/client'
import { deferClient, NOT_LOADED_TEXT } from './deferred-client.ts'

type Client = WsxClient<ChatEvents>

/** A client that records what is done to it and lets the test push events. */
function fakeClient() {
  const calls: string[] = []
  const handlers = new Map<string, Set<(payload: unknown) => void>>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  let status: ConnectionStatus = 'closed'
  const client = {
    get status() {
      return status
    },
    readyState: 1,
    connect() {
      calls.push('connect')
      status = 'open'
      for (const listener of statusListeners) listener(status)
    },
    close() {
      calls.push('close')
    },
    reconnect() {
      calls.push('reconnect')
    },
    request(event: string) {
      calls.push(`request ${event}`)
      return Promise.resolve({ rooms: [] })
    },
    send(event: string) {
      calls.push(`send ${event}`)
    },
    on(event: string, handler: (payload: unknown) => void) {
      calls.push(`on ${event}`)
      const set = handlers.get(event) ?? new Set()
      set.add(handler)
      handlers.set(event, set)
      return () => set.delete(handler)
    },
    off() {},
    onOpen: () => () => {},
    onClose: () => () => {},
    onError: () => () => {},
    onStatus(listener: (status: ConnectionStatus) => void) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
  }
  const push = (event: string, payload: unknown) => {
    for (const handler of handlers.get(event) ?? []) handler(payload)
  }
  return { client: client as unknown as Client, calls, push }
}

describe('a client used before its module is in', () => {
  test('replays subscriptions, connect and sends in order, and answers requests once loaded', async () => {
    const fake = fakeClient()
    let load: (client: Client) => void = () => {}
    const deferred = deferClient(new Promise<Client>((resolve) => (load = resolve)))
    const statuses: ConnectionStatus[] = []
    deferred.onStatus((status) => statuses.push(status))
    const seen: unknown[] = []
    deferred.on('rooms', (payload) => seen.push(payload))
    const dropped = deferred.on('message', () => seen.push('never'))
    dropped()
    deferred.connect()
    deferred.send('typing', { room: 'a' })
    expect(deferred.status).toBe('connecting')
    const answer = deferred.request('listRooms', {})

    load(fake.client)
    expect(await answer).toEqual({ rooms: [] })
    expect(fake.calls).toEqual(['on rooms', 'connect', 'send typing', 'request listRooms'])
    expect(deferred.status).toBe('open')
    expect(statuses).toEqual(['connecting', 'open'])
    fake.push('rooms', { rooms: [{ name: 'a', members: 1 }] })
    fake.push('message', {})
    expect(seen).toEqual([{ rooms: [{ name: 'a', members: 1 }] }])
  })

  test('asks the loaded client at once, so a join in an open handler goes before queued frames', async () => {
    const fake = fakeClient()
    const deferred = deferClient(Promise.resolve(fake.client))
    await Promise.resolve()
    await Promise.resolve()
    void deferred.request('listRooms', {})
    expect(fake.calls).toEqual(['request listRooms'])
  })

  test('says closed and refuses requests in words when the module cannot be loaded', async () => {
    const deferred = deferClient<ChatEvents>(Promise.reject(new Error('chunk failed')))
    deferred.connect()
    await expect(deferred.request('listRooms', {})).rejects.toThrow(NOT_LOADED_TEXT)
    expect(deferred.status).toBe('closed')
  })
})
