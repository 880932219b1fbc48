// Files: upload and download MB/s of a 25 MB file of random bytes, one at a time and 10 at once,
// the server's resident memory while the 10 upload (a streamed upload holds a few chunks per
// connection, not the file), and the seconds to store a 12-megapixel JPEG (re-encoded and
// thumbnailed). On SQLite with the files on disk, and on PostgreSQL with the files in it. The
// server is pinned to CPU 0 and the load to CPU 1 as in the whole run (PostgreSQL's own
// processes are not pinned: they take whichever CPU is free). Run alone with
// `bun bench/phases/files.ts`.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Attachment } from '@parley/events'
import { download, joinUploaders, type Timed, uploadFromDisk } from '../load/file-transfers.ts'
import { PHOTO, writePhotoJpeg, writeRandomFile } from '../load/sample-uploads.ts'
import { isRelaunched, relaunchPinned } from '../machine/relaunch.ts'
import { type RssSamples, sampleRss } from '../machine/rss-sampler.ts'
import { percentiles } from '../report/stats.ts'
import { type FileStoreKind, startFilesServer } from '../servers/files-server.ts'
import { consoleRunLog, type RunLog } from './run-log.ts'

/** MB as the server's limits count them (UPLOAD_MAX_BYTES is 25,000,000): MB/s below are these too. */
export const MB = 1_000_000
/** The file: 25 MB, the default UPLOAD_MAX_BYTES, the largest a server as shipped takes. */
export const FILE_BYTES = 25 * MB
/** Uploads (and then downloads) at once, each on a session of its own. */
export const AT_ONCE = 10
/** Transfers one at a time of each kind; the figure is their median. */
const REPEATS = 3
const RSS_EVERY_MS = 50

/**
 * The most the server's resident memory may grow during the 10 uploads at once: 100 MB,
 * 0.4 of the 250 MB it would take to hold each file whole. Streamed, an upload holds a few
 * socket and stream buffers (tens to hundreds of KB) and, on PostgreSQL, one 256 KB chunk at a
 * time; what else grows is garbage the collector has not yet reclaimed (each chunk read or
 * written is a fresh buffer, 250 MB of them in all), tens of MB at these rates: about 20 MB on
 * disk and 55 to 85 MB on PostgreSQL on the 2-core machine. Holding even 40% of every body at
 * once would pass 100 MB, so the limit still tells streaming from buffering.
 */
export const MAX_RSS_GROWTH_BYTES = 100 * MB

/** Bytes moved and the seconds they took, as MB/s. */
const mbps = (bytes: number, seconds: number) => bytes / MB / seconds
const median = (values: number[]) => percentiles(values).p50

/** What the server's memory did while transfers ran at once. */
export interface RssFigure extends RssSamples {
  growthBytes: number
  /** Growth ÷ the bytes of all the files at once: 1 would mean each connection held its whole file. */
  shareOfFiles: number
}

/** Every figure on one store. */
export interface FilesOnStore {
  /** One upload at a time: each one's MB/s, and their median. */
  uploadMBps: number[]
  medianUploadMBps: number
  /** AT_ONCE uploads at once, one session each: all their bytes over the time until the last was stored. */
  atOnceUploadMBps: number
  uploadRss: RssFigure
  downloadMBps: number[]
  medianDownloadMBps: number
  atOnceDownloadMBps: number
  downloadRss: RssFigure
  /** The 12-megapixel JPEG: seconds from sending it to its answer (checked, re-encoded, thumbnailed, stored), each and median. */
  photoSeconds: number[]
  medianPhotoSeconds: number
}

export interface FilesFigure {
  fileBytes: number
  atOnce: number
  repeats: number
  photo: { width: number; height: number; bytes: number }
  maxRssGrowthBytes: number
  sqlite: FilesOnStore | undefined
  postgres: FilesOnStore | undefined
}

/** The sample files, made once in a temporary folder. */
interface Samples {
  random: string
  /** The random file's SHA-256, to check a download against. */
  randomSha256: string
  photo: string
  photoBytes: number
}

async function makeSamples(dir: string): Promise<Samples> {
  const random = join(dir, 'random.bin')
  await writeRandomFile(random, FILE_BYTES)
  const hasher = new Bun.CryptoHasher('sha256')
  for await (const chunk of Bun.file(random).stream()) hasher.update(chunk)
  const photo = join(dir, 'photo.jpg')
  return { random, randomSha256: hasher.digest('hex'), photo, photoBytes: await writePhotoJpeg(photo) }
}

/** Runs `transfers` at once while sampling `pid`'s memory; their MB/s together and the memory figure. */
async function atOnce<T>(pid: number, bytes: number, transfers: (() => Promise<Timed<T>>)[]) {
  const sampler = sampleRss(pid, RSS_EVERY_MS)
  const started = performance.now()
  const results = await Promise.all(transfers.map((transfer) => transfer())).catch((error: unknown) => {
    sampler.stop()
    throw error
  })
  const seconds = (performance.now() - started) / 1000
  const samples = sampler.stop()
  const growthBytes = samples.peakBytes - samples.beforeBytes
  const rss: RssFigure = { ...samples, growthBytes, shareOfFiles: growthBytes / (bytes * transfers.length) }
  return { results, mbps: mbps(bytes * transfers.length, seconds), rss }
}

/** `measure` REPEATS times, one after another. */
async function repeated<T>(measure: (i: number) => Promise<Timed<T>>): Promise<Timed<T>[]> {
  const results: Timed<T>[] = []
  for (let i = 0; i < REPEATS; i++) results.push(await measure(i))
  return results
}

async function measureOn(store: FileStoreKind, samples: Samples): Promise<FilesOnStore> {
  const server = await startFilesServer(store)
  try {
    const sessions = await joinUploaders(server.url, server.http, 'files', AT_ONCE)
    try {
      const [first] = sessions.uploaders
      if (!first) throw new Error('no session joined')
      const single = await repeated((i) => uploadFromDisk(first, samples.random, `one-${i}.bin`))
      const uploads = await atOnce(
        server.pid,
        FILE_BYTES,
        sessions.uploaders.map((who, i) => () => uploadFromDisk(who, samples.random, `at-once-${i}.bin`)),
      )
      const files: Attachment[] = uploads.results.map(({ value }) => value)
      const [checked] = files
      if (!checked) throw new Error('nothing uploaded')
      const hasher = new Bun.CryptoHasher('sha256')
      await download(server.http, checked, hasher)
      if (hasher.digest('hex') !== samples.randomSha256) throw new Error(`${store}: a download is not the file sent`)
      const singleDownloads = await repeated(() => download(server.http, checked))
      const downloads = await atOnce(
        server.pid,
        FILE_BYTES,
        files.map((file) => () => download(server.http, file)),
      )
      const photos = await repeated(async (i) => {
        const stored = await uploadFromDisk(first, samples.photo, `photo-${i}.jpg`)
        if (stored.value.image?.width !== PHOTO.width) throw new Error(`${store}: the photo was not kept as an image`)
        return stored
      })
      const uploadMBps = single.map(({ seconds }) => mbps(FILE_BYTES, seconds))
      const downloadMBps = singleDownloads.map(({ seconds }) => mbps(FILE_BYTES, seconds))
      const photoSeconds = photos.map(({ seconds }) => seconds)
      return {
        uploadMBps,
        medianUploadMBps: median(uploadMBps),
        atOnceUploadMBps: uploads.mbps,
        uploadRss: uploads.rss,
        downloadMBps,
        medianDownloadMBps: median(downloadMBps),
        atOnceDownloadMBps: downloads.mbps,
        downloadRss: downloads.rss,
        photoSeconds,
        medianPhotoSeconds: median(photoSeconds),
      }
    } finally {
      sessions.close()
    }
  } finally {
    await server.stop()
  }
}

/** What one store's figures say, in a few lines. */
function summaryLines(store: FileStoreKind, on: FilesOnStore, photoBytes: number): string[] {
  const whole = (n: number) => n.toFixed(0)
  const inMB = (bytes: number) => (bytes / MB).toFixed(1)
  const { uploadRss: rss } = on
  const verdict = rss.growthBytes <= MAX_RSS_GROWTH_BYTES ? 'PASS' : 'FAIL'
  return [
    `  ${store}: upload ${whole(on.medianUploadMBps)} MB/s one at a time, ${whole(on.atOnceUploadMBps)} MB/s ${AT_ONCE} at once; ` +
      `download ${whole(on.medianDownloadMBps)} MB/s, ${whole(on.atOnceDownloadMBps)} MB/s ${AT_ONCE} at once`,
    `  ${store}: RSS during ${AT_ONCE} uploads at once ${inMB(rss.beforeBytes)} → ${inMB(rss.peakBytes)} MB ` +
      `(${rss.samples} readings): +${inMB(rss.growthBytes)} MB, ${rss.shareOfFiles.toFixed(2)} of ${AT_ONCE} × ${FILE_BYTES / MB} MB ` +
      `(${verdict}: ≤ ${MAX_RSS_GROWTH_BYTES / MB} MB); during the downloads +${inMB(on.downloadRss.growthBytes)} MB`,
    `  ${store}: 12-megapixel JPEG (${inMB(photoBytes)} MB) stored in ${on.medianPhotoSeconds.toFixed(2)} s (median of ${REPEATS})`,
  ]
}

/** The files figures on SQLite and on PostgreSQL, each on a fresh server; a store that fails is left out. */
export async function filesPhase(run: RunLog): Promise<FilesFigure | undefined> {
  run.say(
    `files: ${FILE_BYTES / MB} MB of random bytes up and down, one at a time (median of ${REPEATS}) and ${AT_ONCE} at once, ` +
      `RSS sampled every ${RSS_EVERY_MS} ms; a 12-megapixel JPEG; SQLite (files on disk) and PostgreSQL`,
  )
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-samples-'))
  try {
    const samples = await run.attempt('files: sample files', () => makeSamples(dir))
    if (!samples) return undefined
    const on = async (store: FileStoreKind) => {
      const figure = await run.attempt(`files on ${store}`, () => measureOn(store, samples))
      if (figure) for (const line of summaryLines(store, figure, samples.photoBytes)) run.say(line)
      return figure
    }
    const sqlite = await on('sqlite')
    const postgres = await on('postgres')
    return {
      fileBytes: FILE_BYTES,
      atOnce: AT_ONCE,
      repeats: REPEATS,
      photo: { ...PHOTO, bytes: samples.photoBytes },
      maxRssGrowthBytes: MAX_RSS_GROWTH_BYTES,
      sqlite,
      postgres,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  // Alone, as in the whole run: the load on its own CPU, away from the server's.
  if (!isRelaunched) await relaunchPinned(import.meta.path)
  const figure = await filesPhase(consoleRunLog)
  console.log(JSON.stringify(figure, null, 2))
  process.exit(figure?.sqlite && figure.postgres ? 0 : 1)
}
