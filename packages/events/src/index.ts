export { type ChatEvents, events } from './events.ts'
export * from './fields.ts'
export type * from './types.ts'
