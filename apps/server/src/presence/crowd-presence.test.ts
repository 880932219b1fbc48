import { expect, test } from 'bun:test'
import type { ChatClient } from '../../test/clients.ts'
import { startParley } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'

const byLocale = (names: Iterable<string>) => [...names].sort((a, b) => a.localeCompare(b))

/** Names that sort differently by code point than by locale: case, accents, digits, other scripts. */
const stems = ['Zoë', 'zed', 'Émile', 'emma', 'Ärger', 'arno', '李', 'Bob']
const nameOf = (i: number) => `${stems[i % stems.length]}-${i}`

test('a crowd joining and leaving at once: every member ends with the right list, and answers list it sorted', async () => {
  await using parley = await startParley({ limits: { maxConnectionsPerAddress: 1_000 } })
  const watcher = parley.client()
  const seen = new Set<string>((await watcher.request('join', { username: 'watcher', room: 'crowd' })).users)
  watcher.on('userJoined', ({ username }) => seen.add(username))
  watcher.on('userLeft', ({ username }) => seen.delete(username))

  const joinAs = async (i: number) => {
    const client = parley.client()
    await client.request('join', { username: nameOf(i), room: 'crowd' })
    return client
  }
  const first = await Promise.all(Array.from({ length: 120 }, (_, i) => joinAs(i)))
  // Half of them leave (by asking, or by closing) while 80 more join.
  const leaving = first.filter((_, i) => i % 2 === 0)
  const more = Promise.all(Array.from({ length: 80 }, (_, i) => joinAs(120 + i)))
  await Promise.all(
    leaving.map((client: ChatClient, k) =>
      k % 2 === 0 ? client.request('leave', { room: 'crowd' }) : Promise.resolve(client.close()),
    ),
  )
  await more
  const expected = byLocale([
    'watcher',
    ...Array.from({ length: 200 }, (_, i) => i)
      .filter((i) => i >= 120 || i % 2 === 1)
      .map(nameOf),
  ])

  await until(() => seen.size === expected.length, 'the watcher hearing every join and leave')
  expect(byLocale(seen)).toEqual(expected)
  const latecomer = parley.client()
  expect((await latecomer.request('join', { username: 'latecomer', room: 'crowd' })).users).toEqual(
    byLocale([...expected, 'latecomer']),
  )
  expect((await watcher.request('presence', { room: 'crowd' })).users).toEqual(byLocale([...expected, 'latecomer']))
})
