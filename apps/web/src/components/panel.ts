/** A side panel of the chat that opens as a drawer on narrow screens. */
export type Panel = 'rooms' | 'people'
