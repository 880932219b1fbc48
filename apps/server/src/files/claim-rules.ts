import type { FileClaim, FileRecord } from './file-store.ts'

/**
 * Whether `claim` may take the files `ids`, given the records found for them (missing ones
 * absent): their records in the order asked, or why not in words. A file that is not the
 * claimant's upload to this room gets the same answer whether it exists or not, so the
 * words never tell anyone about other people's files.
 */
export function checkClaim(
  ids: readonly string[],
  found: ReadonlyMap<string, FileRecord>,
  claim: FileClaim,
): FileRecord[] | string {
  const records: FileRecord[] = []
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id)) return `File ${id} is attached twice; attach it once`
    seen.add(id)
    const record = found.get(id)
    if (!record || record.room !== claim.room || record.author !== claim.author) {
      return `File ${id} is not one of your uploads to this room; upload it again`
    }
    if (record.claim !== undefined && record.claim !== claim.key) {
      return `File ${id} is already in another message; upload it again to send it twice`
    }
    records.push(record)
  }
  return records
}
