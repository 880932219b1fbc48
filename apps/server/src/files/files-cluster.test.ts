import { expect, test } from 'bun:test'
import { uploadAnswerSchema } from '@parley/events'
import { fileUrl, thumbnailUrl } from '@parley/events/rules'
import { nextPush } from '../../test/clients.ts'
import { startCluster } from '../../test/cluster.ts'
import { solidImage } from '../../test/sample-images.ts'
import { upload } from '../../test/uploads.ts'

test('two instances: a file uploaded through one, by someone joined on the other, downloads from both', async () => {
  await using cluster = await startCluster()
  const alice = cluster.one.client()
  const bob = cluster.two.client()
  const { token } = await alice.request('join', { username: 'alice', room: 'r' })
  await bob.request('join', { username: 'bob', room: 'r' })
  // Behind a balancer the upload may land on the other instance: the session is checked through Redis.
  const response = await upload(
    { http: cluster.two.http, room: 'r', user: 'alice', token },
    'shot.png',
    await solidImage(640, 480, 'png'),
  )
  expect(response.status).toBe(201)
  const { file } = uploadAnswerSchema.parse(await response.json())

  const heard = nextPush(bob, 'message')
  await alice.request('sendMessage', { room: 'r', message: 'from one', files: [file.id] })
  expect((await heard).files).toEqual([file])
  for (const instance of [cluster.one, cluster.two]) {
    const original = await fetch(instance.http + fileUrl(file.id, file.name))
    expect(original.status).toBe(200)
    expect((await original.arrayBuffer()).byteLength).toBe(file.size)
    expect((await fetch(instance.http + thumbnailUrl(file.id))).status).toBe(200)
  }
  // Someone not in the room cannot upload to it through either instance.
  const carol = cluster.one.client()
  const carolJoined = await carol.request('join', { username: 'carol', room: 'elsewhere' })
  const refused = await upload(
    { http: cluster.two.http, room: 'r', user: 'carol', token: carolJoined.token },
    'x.txt',
    'x',
  )
  expect(refused.status).toBe(403)
})
