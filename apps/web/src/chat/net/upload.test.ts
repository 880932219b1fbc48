import { describe, expect, test } from 'bun:test'
import { readUploadAnswer, startUpload, UploadCancelled, type UploadRequest, uploadUrl } from './upload.ts'

const FILE = { id: 'AbCdEfGhIjKlMnOpQrStUv', name: 'shot.png', type: 'image/png', size: 3 }
const TARGET = { room: 'general', username: 'ann & bob', token: 'token-0123456789abcdef' }

/** A stand-in for XMLHttpRequest that records what was sent and answers when told. */
class FakeRequest implements UploadRequest {
  status = 0
  responseText = ''
  onload: UploadRequest['onload'] = null
  onerror: UploadRequest['onerror'] = null
  onabort: UploadRequest['onabort'] = null
  upload: UploadRequest['upload'] = { onprogress: null }
  opened: string[] = []
  headers: Record<string, string> = {}
  body: unknown
  aborted = 0

  open(method: string, url: string | URL) {
    this.opened = [method, String(url)]
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body?: Document | XMLHttpRequestBodyInit | null) {
    this.body = body
  }
  abort() {
    this.aborted += 1
    this.onabort?.call(this as never, {} as never)
  }
  answer(status: number, body: string) {
    this.status = status
    this.responseText = body
    this.onload?.call(this as never, {} as never)
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.call(this as never, { lengthComputable: true, loaded, total } as never)
  }
}

describe('reading the upload answer', () => {
  test('a stored file is read through the schema', () => {
    expect(readUploadAnswer(201, JSON.stringify({ file: FILE }))).toEqual({ file: FILE })
    expect(readUploadAnswer(201, JSON.stringify({ file: { ...FILE, id: '../etc/passwd' } }))).toEqual({
      error: 'The server answered the upload in a way this page does not understand.',
    })
    expect(readUploadAnswer(200, 'not json')).toHaveProperty('error')
  })

  test("a refusal says the server's words, or words for its status", () => {
    expect(readUploadAnswer(413, JSON.stringify({ error: 'A file has at most 25 MB.' }))).toEqual({
      error: 'A file has at most 25 MB.',
    })
    expect(readUploadAnswer(413, '<html>Too large</html>')).toEqual({ error: 'The file is too big.' })
    expect(readUploadAnswer(429, '')).toEqual({ error: 'Too many uploads: wait a moment, then retry.' })
    expect(readUploadAnswer(502, '{"error": ""}')).toEqual({
      error: 'The server failed to store the file (error 502).',
    })
    expect(readUploadAnswer(400, '{"message":"x"}')).toEqual({ error: 'The upload was refused (error 400).' })
  })
})

describe('an upload', () => {
  test('posts the bytes with the name, room and user in the query and the token in the header', async () => {
    const request = new FakeRequest()
    const seen: number[] = []
    const file = new Blob(['abc'])
    const upload = startUpload(
      file,
      'my shot?.png',
      TARGET,
      (loaded) => seen.push(loaded),
      () => request,
    )
    expect(request.opened).toEqual(['POST', uploadUrl(TARGET, 'my shot?.png')])
    const url = new URL(request.opened[1] ?? '', 'http://host')
    expect(url.pathname).toBe('/api/files')
    expect(Object.fromEntries(url.searchParams)).toEqual({ room: 'general', user: 'ann & bob', name: 'my shot?.png' })
    expect(request.headers.Authorization).toBe(`Bearer ${TARGET.token}`)
    expect(request.body).toBe(file)

    request.progress(1, 3)
    request.progress(2, 3)
    request.answer(201, JSON.stringify({ file: FILE }))
    expect(await upload.done).toEqual(FILE)
    expect(seen).toEqual([1, 2])
  })

  test('fails with the reason in words, or as cancelled once aborted', async () => {
    const refused = new FakeRequest()
    const first = startUpload(
      new Blob(['x']),
      'a',
      TARGET,
      () => {},
      () => refused,
    )
    refused.answer(403, JSON.stringify({ error: 'Join the room first.' }))
    await expect(first.done).rejects.toThrow('Join the room first.')

    const offline = new FakeRequest()
    const second = startUpload(
      new Blob(['x']),
      'a',
      TARGET,
      () => {},
      () => offline,
    )
    offline.onerror?.call(offline as never, {} as never)
    await expect(second.done).rejects.toThrow(/did not reach the server/)

    const cancelled = new FakeRequest()
    const third = startUpload(
      new Blob(['x']),
      'a',
      TARGET,
      () => {},
      () => cancelled,
    )
    third.abort()
    third.abort()
    expect(cancelled.aborted).toBe(1)
    await expect(third.done).rejects.toBeInstanceOf(UploadCancelled)
  })
})
