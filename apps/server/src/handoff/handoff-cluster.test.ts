import { expect, test } from 'bun:test'
import { nextPush } from '../../test/clients.ts'
import { startCluster } from '../../test/cluster.ts'
import { redeem } from '../../test/handoffs.ts'

test('two instances: a code made on one is redeemed on the other, once, and the session continues there', async () => {
  await using cluster = await startCluster()
  const laptop = cluster.one.client()
  const { token } = await laptop.request('join', { username: 'alice', room: 'r' })
  const sent = await laptop.request('sendMessage', { room: 'r', message: 'from the laptop' })
  const { code } = await laptop.request('handoff', {})

  const redeemed = await redeem(cluster.two.http, code)
  expect(redeemed.status).toBe(200)
  expect(redeemed.grant).toEqual({ username: 'alice', token, rooms: ['r'] })

  // The name is alice's on both instances at once, under the one token.
  const phone = cluster.two.client()
  await phone.request('join', { username: 'alice', room: 'r', token })
  const heard = nextPush(laptop, 'messageChanged', (change) => change.message.seq === sent.seq)
  await phone.request('editMessage', { room: 'r', seq: sent.seq, message: 'from the phone', clientId: 'phone-edit-1' })
  expect((await heard).message.message).toBe('from the phone')

  for (const instance of [cluster.one, cluster.two]) {
    const again = await redeem(instance.http, code)
    expect(again.status).toBe(410)
    expect(again.error).toContain('used or has expired')
  }
})
