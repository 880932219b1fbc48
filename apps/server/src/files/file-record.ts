import { attachmentSchema, fileIdSchema } from '@parley/events'
import { z } from 'zod'
import type { FileRecord } from './file-store.ts'

/** A stored file's record as a store reads it back (a record.json, a `files` row): checked, never trusted. */
export const fileRecordSchema = attachmentSchema.extend({
  room: z.string().min(1),
  author: z.string().min(1),
  username: z.string().min(1),
  createdAt: z.number().int().nonnegative(),
  claim: z.string().min(1).optional(),
}) satisfies z.ZodType<FileRecord>

/** Whether `id` can name a stored file: anything else (a path, `..`) is never looked up. */
export function isFileId(id: string): boolean {
  return fileIdSchema.safeParse(id).success
}
