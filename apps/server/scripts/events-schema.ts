// Writes the events' JSON Schema document for the bundled server: bun scripts/events-schema.ts dist/events.schema.json
import { eventsDocumentText } from '../src/ops/events-schema.ts'

const target = process.argv[2]
if (!target) {
  console.error('usage: bun scripts/events-schema.ts <output file>')
  process.exit(2)
}
await Bun.write(target, eventsDocumentText())
