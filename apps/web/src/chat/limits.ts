/**
 * The limits of @parley/events that the first screen needs. They are copied here because
 * the module that defines them also builds the events' schemas: taking them from there
 * would pull zod into the entry chunk. limits.test.ts checks they still agree.
 */
export const DEFAULT_ROOM = 'general'
export const MESSAGE_MAX_LENGTH = 500
export const HISTORY_PAGE_SIZE = 50
export const HISTORY_MAX_PAGE = 200
