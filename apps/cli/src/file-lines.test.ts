import { expect, test } from 'bun:test'
import { fileLines, webOrigin } from './file-lines.ts'

const log = { id: 'AbCdEfGhIjKlMnOpQrStUv', name: 'app.log', type: 'text/plain', size: 1_234_567 }

test("a file's line has its name, size and absolute download address", () => {
  expect(fileLines([log], 'http://localhost:3001')).toEqual([
    '  📎 app.log (1.2 MB) http://localhost:3001/files/AbCdEfGhIjKlMnOpQrStUv/app.log',
  ])
  expect(fileLines(undefined, 'http://x')).toEqual([])
})

test('a name is escaped in the address, and never prints control or direction characters', () => {
  const odd = { ...log, name: 'a b\u202e\u0007gol.exe', size: 10 }
  expect(fileLines([odd], 'https://chat.example')).toEqual([
    `  📎 a bgol.exe (10 bytes) https://chat.example/files/${log.id}/a%20b%E2%80%AE%07gol.exe`,
  ])
})

test("the web origin is the WebSocket address's, over http or https", () => {
  expect(webOrigin('ws://localhost:3001/ws')).toBe('http://localhost:3001')
  expect(webOrigin('wss://chat.example/ws')).toBe('https://chat.example')
  expect(webOrigin('wss://chat.example:8443/some/ws?x=1')).toBe('https://chat.example:8443')
  expect(webOrigin('http://127.0.0.1:9/ws')).toBe('http://127.0.0.1:9')
  expect(webOrigin('not a url')).toBe('')
  expect(webOrigin('ftp://host/ws')).toBe('')
})
