import { describe, expect, test } from 'bun:test'
import { directPartner } from './direct.ts'

const settings = (direct?: string[]) => ({
  topic: '',
  private: true,
  slowModeSeconds: 0,
  moderators: [],
  ...(direct && { direct }),
})

describe('directPartner', () => {
  test('names the other person, whatever the case of ours', () => {
    expect(directPartner(settings(['alice', 'Bob']), 'ALICE')).toBe('Bob')
    expect(directPartner(settings(['alice', 'Bob']), 'bob')).toBe('alice')
  })

  test('is undefined for a room that is not a direct conversation, or not yet heard of', () => {
    expect(directPartner(settings(), 'alice')).toBeUndefined()
    expect(directPartner(undefined, 'alice')).toBeUndefined()
  })
})
