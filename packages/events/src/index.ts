export { type ChatEvents, events } from './events.ts'
export * from './fields.ts'
export * from './room-fields.ts'
export type * from './types.ts'
