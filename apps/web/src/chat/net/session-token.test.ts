import { describe, expect, test } from 'bun:test'
import { browserStorageKeys } from '@parley/events/rules'
import { memoryStorage } from '../../../test/memory-storage.ts'
import { createTokenStore } from './session-token.ts'

const TOKEN_KEY = browserStorageKeys.token

const TOKEN = 'tok_0123456789abcdef-XYZ'

describe('the session token store', () => {
  test('keeps a token under parley.token and reads it back', () => {
    const storage = memoryStorage()
    const tokens = createTokenStore(() => storage)
    expect(tokens.load()).toBeNull()
    tokens.save(TOKEN)
    expect(storage.getItem(TOKEN_KEY)).toBe(TOKEN)
    expect(tokens.load()).toBe(TOKEN)
  })

  test('a newer token replaces the stored one', () => {
    const storage = memoryStorage({ [TOKEN_KEY]: TOKEN })
    const tokens = createTokenStore(() => storage)
    tokens.save('another-token-0123456789')
    expect(tokens.load()).toBe('another-token-0123456789')
  })

  test.each([
    ['too short', 'abc'],
    ['not token characters', '<script>alert(1)</script>xxxxxxxx'],
    ['too long', 'a'.repeat(129)],
    ['JSON', '{"token":"tok_0123456789abcdef"}'],
  ])('a stored value that is %s is dropped', (_why, stored) => {
    const storage = memoryStorage({ [TOKEN_KEY]: stored, other: 'kept' })
    const tokens = createTokenStore(() => storage)
    expect(tokens.load()).toBeNull()
    expect(storage.getItem(TOKEN_KEY)).toBeNull()
    expect(storage.getItem('other')).toBe('kept')
  })

  test('an answer whose token is not a token forgets the stored one rather than keep it', () => {
    const storage = memoryStorage({ [TOKEN_KEY]: TOKEN })
    const tokens = createTokenStore(() => storage)
    tokens.save('bad token')
    expect(storage.getItem(TOKEN_KEY)).toBeNull()
    tokens.save(TOKEN)
    tokens.save(null)
    expect(tokens.load()).toBeNull()
  })

  test('storage that throws (disabled, full) reads as empty and never breaks the chat', () => {
    const broken = () => {
      throw new Error('SecurityError: storage is disabled')
    }
    const tokens = createTokenStore(broken)
    expect(tokens.load()).toBeNull()
    expect(() => tokens.save(TOKEN)).not.toThrow()
    const full = memoryStorage()
    full.setItem = () => {
      throw new Error('QuotaExceededError')
    }
    expect(() => createTokenStore(() => full).save(TOKEN)).not.toThrow()
  })
})
