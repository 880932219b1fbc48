import { z } from 'zod'
import { eventsDocumentText } from './events-schema.ts'

/** The build's `events.schema.json`, as far as the server checks it: a JSON object naming events. */
const documentSchema = z.object({ events: z.record(z.string(), z.unknown()) })

/**
 * The text of `/api/events.schema.json`: the file the build wrote beside the bundled server
 * when there is one, else (running from source) the same document built now.
 */
export async function readEventsSchema(path: URL): Promise<string> {
  const file = Bun.file(path)
  if (!(await file.exists())) return eventsDocumentText()
  const text = await file.text()
  documentSchema.parse(JSON.parse(text))
  return text
}
