import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { useChatStore } from '../context.ts'
import { newClientId } from '../model/client-id.ts'
import { admit, type PendingUpload, type UploadAction, uploadsReducer } from '../model/uploads.ts'
import { loadedConnection } from '../net/client.ts'
import { type RunningUpload, startUpload, UploadCancelled } from '../net/upload.ts'
import type { ChatStore } from '../store.ts'

/** Every room's files attached in the composer: the upload queue and what can be done with it. */
export interface FileUploads {
  /** Every room's pending files, in the order attached; `subscribe` tells of changes. */
  getState(): readonly PendingUpload[]
  subscribe(listener: () => void): () => void
  /** Per room, why some files dropped or picked were not attached (too big, or too many for one message). */
  refusal(room: string): string | null
  /** Attaches `files` to `room`'s next message and starts uploading each at once. */
  add(room: string, files: readonly File[]): void
  /** Stops an upload, or takes an uploaded or failed file off the message. */
  cancel(key: string): void
  retry(key: string): void
  /** The room's uploaded files went with a message: the composer lets them go. */
  sent(room: string): void
  /** Stops every upload still running. */
  stopAll(): void
}

/** A file the browser holds, and its upload while one runs. */
interface Held {
  blob: File
  running: RunningUpload | null
}

/**
 * The upload queue, outside React so that progress re-renders only what shows it: each file
 * attached goes to `POST /api/files` at once, as the chat's user, with the browser's token.
 */
function createFileUploads(chat: ChatStore): FileUploads {
  let state: PendingUpload[] = []
  const refusals = new Map<string, string>()
  const listeners = new Set<() => void>()
  const held = new Map<string, Held>()

  function dispatch(action: UploadAction) {
    const next = uploadsReducer(state, action)
    if (next === state) return
    state = next
    for (const listener of [...listeners]) listener()
  }

  function setRefusal(room: string, text: string | null) {
    if ((refusals.get(room) ?? null) === text) return
    if (text === null) refusals.delete(room)
    else refusals.set(room, text)
    // A new array, so subscribers see a change.
    state = [...state]
    for (const listener of [...listeners]) listener()
  }

  function run(key: string, room: string) {
    const entry = held.get(key)
    if (!entry) return
    const username = chat.getState().username
    const token = loadedConnection()?.browserTokens.load() ?? null
    if (username === null || token === null) {
      dispatch({ type: 'failed', key, error: 'Not connected to the room yet: retry in a moment.' })
      return
    }
    const running = startUpload(entry.blob, entry.blob.name || 'file', { room, username, token }, (loaded) =>
      dispatch({ type: 'progress', key, loaded }),
    )
    entry.running = running
    const settled = () => {
      if (entry.running === running) entry.running = null
    }
    running.done.then(
      (file) => {
        settled()
        dispatch({ type: 'uploaded', key, file })
      },
      (error: unknown) => {
        settled()
        if (error instanceof UploadCancelled) return
        dispatch({ type: 'failed', key, error: error instanceof Error ? error.message : String(error) })
      },
    )
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    refusal: (room) => refusals.get(room) ?? null,
    add(room, files) {
      if (files.length === 0) return
      const attached = state.filter((upload) => upload.room === room).length
      const { taken, refusal } = admit(files, attached, chat.getState().uploadLimits)
      setRefusal(room, refusal)
      const uploads = taken.map((blob) => {
        const key = newClientId()
        held.set(key, { blob, running: null })
        return { key, room, name: blob.name || 'file', size: blob.size }
      })
      dispatch({ type: 'added', uploads })
      for (const upload of uploads) run(upload.key, room)
    },
    cancel(key) {
      held.get(key)?.running?.abort()
      held.delete(key)
      dispatch({ type: 'removed', key })
    },
    retry(key) {
      const upload = state.find((item) => item.key === key)
      if (upload?.status !== 'failed') return
      dispatch({ type: 'retrying', key })
      run(key, upload.room)
    },
    sent(room) {
      for (const upload of state) {
        if (upload.room === room && upload.status === 'uploaded') held.delete(upload.key)
      }
      dispatch({ type: 'sent', room })
      setRefusal(room, null)
    },
    stopAll() {
      for (const entry of held.values()) entry.running?.abort()
    },
  }
}

/**
 * The chat view's one upload queue, for the composer and the room's drop zone; its identity
 * never changes, so holding it re-renders nothing. Leaving the chat stops its uploads.
 */
export function useFileUploads(): FileUploads {
  const chat = useChatStore()
  const [uploads] = useState(() => createFileUploads(chat))
  useEffect(() => () => uploads.stopAll(), [uploads])
  return uploads
}

/** `room`'s pending files, re-rendering when any upload changes. */
export function useRoomUploads(uploads: FileUploads, room: string): readonly PendingUpload[] {
  const all = useSyncExternalStore(uploads.subscribe, uploads.getState)
  return useMemo(() => all.filter((upload) => upload.room === room), [all, room])
}
