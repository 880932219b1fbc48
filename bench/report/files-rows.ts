// The files rows of the summary: upload and download MB/s, the server's memory during uploads
// at once (held to a target), and the seconds to store a photo, on SQLite and on PostgreSQL.
import { AT_ONCE, FILE_BYTES, type FilesFigure, type FilesOnStore, MAX_RSS_GROWTH_BYTES, MB } from '../phases/files.ts'
import { int, ms, verdict } from './format.ts'
import { blank, type Row } from './row.ts'

const stores: ['sqlite' | 'postgres', string][] = [
  ['sqlite', 'SQLite, files on disk'],
  ['postgres', 'PostgreSQL, files in it'],
]

const inMB = (bytes: number) => (bytes / MB).toFixed(1)
const pair = (one: number | undefined, many: number | undefined) => `${int(one)} / ${int(many)}`

function storeRows(label: string, on: FilesOnStore | undefined, photo: string): Row[] {
  const rss = on?.uploadRss
  return [
    { ...blank, figure: `  ${label}: upload MB/s`, parley: pair(on?.medianUploadMBps, on?.atOnceUploadMBps) },
    { ...blank, figure: '    download MB/s', parley: pair(on?.medianDownloadMBps, on?.atOnceDownloadMBps) },
    {
      ...blank,
      figure: `    RSS growth, ${AT_ONCE} uploads at once (ratio ÷ ${AT_ONCE} × ${FILE_BYTES / MB} MB)`,
      parley: rss ? `+${inMB(rss.growthBytes)} MB (${inMB(rss.beforeBytes)} → ${inMB(rss.peakBytes)})` : '–',
      ratio: rss ? rss.shareOfFiles.toFixed(2) : '',
      target: `≤ ${MAX_RSS_GROWTH_BYTES / MB} MB`,
      result: verdict(rss ? rss.growthBytes <= MAX_RSS_GROWTH_BYTES : undefined),
    },
    { ...blank, figure: `    ${photo}: s to store`, parley: ms(on?.medianPhotoSeconds) },
  ]
}

/**
 * Each store's MB/s (the median of single transfers, and all bytes over the time of AT_ONCE at
 * once), its memory during the uploads at once, and the photo. Parley only; the target is
 * MAX_RSS_GROWTH_BYTES (see phases/files.ts for why).
 */
export function filesRows(files: FilesFigure | undefined): Row[] {
  const photo = `12-megapixel JPEG (${files ? inMB(files.photo.bytes) : '–'} MB)`
  return [
    {
      ...blank,
      figure: `files of ${FILE_BYTES / MB} MB, MB/s: median of ${files?.repeats ?? '–'} one at a time / ${AT_ONCE} at once`,
    },
    ...stores.flatMap(([store, label]) => storeRows(label, files?.[store], photo)),
  ]
}
