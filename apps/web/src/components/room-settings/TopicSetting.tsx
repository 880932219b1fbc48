import { TOPIC_MAX_LENGTH } from '@parley/events/rules'
import { type FormEvent, useEffect, useId, useState } from 'react'
import type { useRoomAdmin } from '../../chat/hooks/useRoomAdmin.ts'
import { MessageText } from '../MessageText.tsx'
import { inputClass, Outcome, primaryButton, Section, useRequestState } from './parts.tsx'

const NO_NAMES: string[] = []

interface TopicSettingProps {
  topic: string
  canEdit: boolean
  admin: ReturnType<typeof useRoomAdmin>
}

/** The room's topic: owners, moderators and the operator change it; everyone else reads it. */
export function TopicSetting({ topic, canEdit, admin }: TopicSettingProps) {
  const id = useId()
  const [text, setText] = useState(topic)
  // A topic set meanwhile (here or by someone else) replaces the field's text.
  useEffect(() => setText(topic), [topic])
  const { pending, error, done, run } = useRequestState()

  if (!canEdit) {
    return (
      <Section title="Topic">
        <div className="text-sm text-ink-soft break-words">
          {topic === '' ? (
            <span className="text-muted">No topic yet.</span>
          ) : (
            <MessageText text={topic} names={NO_NAMES} me={null} />
          )}
        </div>
      </Section>
    )
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    void run(async () => ((await admin.setTopic(text.trim())) ? 'Topic saved.' : 'The topic was already that.'))
  }

  return (
    <Section title="Topic">
      <form onSubmit={handleSubmit} className="space-y-2">
        <label htmlFor={id} className="sr-only">
          Topic
        </label>
        <textarea
          id={id}
          value={text}
          rows={2}
          maxLength={TOPIC_MAX_LENGTH}
          onChange={(event) => setText(event.target.value)}
          placeholder="What this room is about (Markdown-lite, like messages)"
          aria-describedby={`${id}-count`}
          className={`${inputClass} resize-y`}
        />
        <div className="flex items-center justify-between gap-2">
          <span id={`${id}-count`} className="text-xs text-muted tabular-nums">
            {text.length}/{TOPIC_MAX_LENGTH}
          </span>
          <button type="submit" disabled={pending} className={primaryButton}>
            Save topic
          </button>
        </div>
      </form>
      <Outcome error={error} done={done} />
    </Section>
  )
}
