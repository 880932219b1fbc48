export { CloseCode } from './close-codes.ts'
export { WsxError, type WsxErrorCode } from './errors.ts'
export {
  defineEvents,
  type EventDefinition,
  type EventDefinitions,
  type Payload,
  type PayloadEvent,
  type PayloadInput,
  type RequestEvent,
  type Response,
  type ResponseInput,
} from './events.ts'
export {
  describeIssues,
  issuesCause,
  type MessageKind,
  majorOf,
  messageKinds,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  type WireMessage,
  wireMessageSchema,
} from './protocol.ts'
export {
  cborSerializer,
  type Encoding,
  encodingOf,
  jsonSerializer,
  type Serializer,
  serializers,
  toFrame,
} from './serializers.ts'
