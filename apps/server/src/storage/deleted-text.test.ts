import { Database } from 'bun:sqlite'
import { describe, expect, test } from 'bun:test'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SQL } from 'bun'
import type { ChatClient } from '../../test/clients.ts'
import { POSTGRES_URL, temporaryPostgresSchema } from '../../test/postgres-schema.ts'
import { startParley, temporaryDataDir } from '../../test/start-parley.ts'
import { until } from '../../test/until.ts'

/** 32 random letters and digits: text found nowhere else. */
function marker(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => alphabet[byte % alphabet.length]).join('')
}

/**
 * What the tests write: a message that gets deleted (with a reaction and a reply on it),
 * one that stays, and one edited away from its first text. Each carries a marker.
 */
async function converse(alice: ChatClient, bob: ChatClient) {
  const text = { deleted: marker(), kept: marker(), editedAway: marker() }
  await alice.request('join', { username: 'alice', room: 'r' })
  await bob.request('join', { username: 'bob', room: 'r' })
  await alice.request('sendMessage', { room: 'r', message: 'hello' })
  const doomed = await alice.request('sendMessage', { room: 'r', message: `secret ${text.deleted} ${'.'.repeat(100)}` })
  await alice.request('sendMessage', { room: 'r', message: `kept ${text.kept}` })
  const typo = await alice.request('sendMessage', { room: 'r', message: `typo ${text.editedAway}` })
  await alice.request('editMessage', { room: 'r', seq: typo.seq, message: 'fixed', clientId: 'edit-typo-1' })
  await bob.request('react', { room: 'r', seq: doomed.seq, emoji: '😮', add: true, clientId: 'react-doomed-1' })
  await bob.request('sendMessage', { room: 'r', message: 'what did you say?', replyTo: doomed.seq })
  const erase = async () => {
    const answer = await alice.request('deleteMessage', { room: 'r', seq: doomed.seq, clientId: 'delete-doomed-1' })
    expect(answer.message).toMatchObject({ seq: doomed.seq, message: '', deleted: true })
  }
  return { text, erase }
}

describe('SQLite', () => {
  /** The files of the data directory that hold `text`, byte for byte. */
  function filesHolding(dataDir: string, text: string): string[] {
    return readdirSync(dataDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && readFileSync(join(dataDir, entry.name)).includes(Buffer.from(text)))
      .map((entry) => entry.name)
  }

  test('a deleted message leaves no trace of its text in the database file, its WAL or shared memory', async () => {
    using data = temporaryDataDir()
    const parley = await startParley({ storage: { dataDir: data.dataDir } })
    const { text, erase } = await converse(parley.client(), parley.client())
    // Beside the database, only the file store's folder, which holds no message text.
    expect(readdirSync(data.dataDir).toSorted()).toEqual(['files', 'parley.db', 'parley.db-shm', 'parley.db-wal'])
    // The raw read finds text where it is (an edit's old words may be gone already: the
    // index is merged soon after any edit).
    for (const t of [text.deleted, text.kept]) expect(filesHolding(data.dataDir, t)).not.toEqual([])

    await erase()
    // The server still runs: its connections are open. The text as written is gone at once;
    // the search index drops the message at once too, but keeps its words in its term lists
    // until the writer thread, with nothing else to do, has merged the index.
    const inTable = (file: string) => (t: string) =>
      new Database(file, { readonly: true })
        .query('SELECT body FROM messages')
        .all()
        .some((row) => JSON.stringify(row).includes(t))
    expect(inTable(join(data.dataDir, 'parley.db'))(text.deleted)).toBe(false)
    await until(() => filesHolding(data.dataDir, text.deleted).length === 0, 'the deleted words to leave the index')
    expect(filesHolding(data.dataDir, text.kept)).not.toEqual([])
    // The edit's old words went with the same merge and checkpoint.
    expect(filesHolding(data.dataDir, text.editedAway)).toEqual([])

    await parley.stop()
    expect(filesHolding(data.dataDir, text.deleted)).toEqual([])
    expect(filesHolding(data.dataDir, text.editedAway)).toEqual([])
    expect(filesHolding(data.dataDir, text.kept)).toEqual(['parley.db'])
  })
})

describe('PostgreSQL', () => {
  /**
   * The raw bytes of a relation's pages as PostgreSQL holds them: through pageinspect's
   * `get_raw_page`, else from its file in the data directory (after a checkpoint).
   */
  async function rawPages(admin: SQL, relation: string): Promise<Buffer> {
    const [{ blocks }] =
      await admin`SELECT pg_relation_size(${relation}::regclass) / current_setting('block_size')::int AS blocks`
    const inspect = await pageinspectSchema(admin)
    if (inspect) {
      const pages: Buffer[] = []
      for (let block = 0; block < Number(blocks); block++) {
        const [{ page }] = await admin.unsafe(`SELECT ${inspect}.get_raw_page($1, $2::int) AS page`, [relation, block])
        pages.push(Buffer.from(page))
      }
      return Buffer.concat(pages)
    }
    await admin`CHECKPOINT`
    const [{ dir, path }] =
      await admin`SELECT current_setting('data_directory') AS dir, pg_relation_filepath(${relation}::regclass) AS path`
    try {
      return readFileSync(join(dir, path))
    } catch (error) {
      throw new Error(`Neither pageinspect nor the relation's file (${join(dir, path)}) can be read: ${error}`)
    }
  }

  /** Where pageinspect lives, installing it if this user may; undefined when it cannot be had. */
  async function pageinspectSchema(admin: SQL): Promise<string | undefined> {
    try {
      await admin`CREATE EXTENSION IF NOT EXISTS pageinspect`
    } catch {
      return undefined
    }
    const [row] = await admin`SELECT n.nspname AS schema FROM pg_extension e
                              JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pageinspect'`
    return row ? `"${row.schema}"` : undefined
  }

  /** The tables of `schema` whose live rows, as text, hold `text`. */
  async function liveRowsHolding(admin: SQL, schema: string, text: string): Promise<string[]> {
    const tables: { table: string }[] =
      await admin`SELECT table_name AS table FROM information_schema.tables WHERE table_schema = ${schema}`
    const holding: string[] = []
    for (const { table } of tables) {
      const [{ count }] = await admin.unsafe(
        `SELECT count(*)::int AS count FROM ${schema}.${table} t WHERE strpos(t::text, $1) > 0`,
        [text],
      )
      if (count > 0) holding.push(table)
    }
    return holding
  }

  /** Where each copy of `text` lies in a relation's pages: in a row version (live or dead), or in free space. */
  function placesOf(pages: Buffer, blockSize: number, text: string): ('row' | 'free space' | 'page header')[] {
    const places: ('row' | 'free space' | 'page header')[] = []
    for (let at = pages.indexOf(text); at >= 0; at = pages.indexOf(text, at + 1)) {
      const page = pages.subarray(at - (at % blockSize), at - (at % blockSize) + blockSize)
      const offset = at % blockSize
      // PageHeaderData: pd_lower at 12, pd_upper at 14; then 4-byte line pointers from 24.
      const lower = page.readUInt16LE(12)
      const upper = page.readUInt16LE(14)
      let inRow = false
      for (let pointer = 24; pointer < lower; pointer += 4) {
        const word = page.readUInt32LE(pointer)
        const [start, flags, length] = [word & 0x7fff, (word >>> 15) & 3, (word >>> 17) & 0x7fff]
        if (flags === 1 && offset >= start && offset < start + length) inRow = true
      }
      places.push(inRow ? 'row' : offset >= lower && offset < upper ? 'free space' : 'page header')
    }
    return places
  }

  test("a deleted message's text is in no live row at once, in no row version once vacuumed, and gone once its page's space is reused", async () => {
    await using schema = await temporaryPostgresSchema()
    await using admin = Object.assign(new SQL(POSTGRES_URL), { [Symbol.asyncDispose]: () => admin.close() })
    const [{ block_size: blockSize }] = await admin`SELECT current_setting('block_size')::int AS block_size`
    const storage = { dataDir: '', databaseUrl: schema.url }
    const parley = await startParley({ storage })
    const { text, erase } = await converse(parley.client(), parley.client())
    const messages = `${schema.name}.messages`
    expect(await liveRowsHolding(admin, schema.name, text.deleted)).toEqual(['messages'])

    await erase()
    expect(await liveRowsHolding(admin, schema.name, text.deleted)).toEqual([])
    expect(await liveRowsHolding(admin, schema.name, text.editedAway)).toEqual([])
    expect(await liveRowsHolding(admin, schema.name, text.kept)).toEqual(['messages'])
    // Until VACUUM, the old row versions are dead but whole: the raw read finds them.
    expect(placesOf(await rawPages(admin, messages), blockSize, text.deleted)).toContain('row')
    expect(placesOf(await rawPages(admin, messages), blockSize, text.editedAway)).toContain('row')

    // The server vacuums the table 10 s after a deletion, or as it shuts down, as here.
    await parley.stop()
    const vacuumed = await rawPages(admin, messages)
    // The kept text is in its row twice: as written, and as the words of its search column.
    expect(new Set(placesOf(vacuumed, blockSize, text.kept))).toEqual(new Set(['row']))
    // No row version holds the text any more. VACUUM does not zero the space it frees,
    // though: the bytes of a dead version may stay in the page's free space, unreadable
    // by SQL, until new rows are written over them.
    for (const erased of [text.deleted, text.editedAway]) {
      expect(placesOf(vacuumed, blockSize, erased).filter((place) => place !== 'free space')).toEqual([])
    }

    await using again = await startParley({ storage })
    const carol = again.client()
    await carol.request('join', { username: 'carol', room: 'r' })
    await carol.request('sendMessage', {
      room: 'r',
      message: `a longer message, written into the freed space ${'.'.repeat(300)}`,
    })
    const reused = await rawPages(admin, messages)
    expect(placesOf(reused, blockSize, text.deleted)).toEqual([])
    expect(placesOf(reused, blockSize, text.editedAway)).toEqual([])
    expect(new Set(placesOf(reused, blockSize, text.kept))).toEqual(new Set(['row']))
  })
})
