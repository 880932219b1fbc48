export { CloseCode } from './close-codes.ts'
export { WsxError, type WsxErrorCode } from './errors.ts'
export { defineEvents, type EventDefinitions, type Payload, type PayloadEvent } from './events.ts'
