import { useId } from 'react'
import { foldName } from '../chat/model/mentions.ts'
import type { ReactionView } from '../chat/model/pending-changes.ts'
import { PlusIcon } from './icons.tsx'

/** "alice", "alice and you", "alice, bob and you": who reacted, us last as "you". */
export function reactedBy(reaction: ReactionView, me: string | null): string {
  const key = me === null ? null : foldName(me)
  const others = reaction.users.filter((user) => foldName(user) !== key)
  const names = reaction.mine ? [...others, 'you'] : others
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

function Chip({ reaction, me, onToggle }: { reaction: ReactionView; me: string | null; onToggle(): void }) {
  const tipId = useId()
  const who = `${reactedBy(reaction, me)} reacted with ${reaction.emoji}`
  return (
    <span className="group/chip relative inline-flex">
      <button
        type="button"
        aria-pressed={reaction.mine}
        aria-describedby={tipId}
        onClick={onToggle}
        data-testid="reaction"
        className={`inline-flex h-7 items-center gap-1 rounded-full border px-2 text-sm tabular-nums transition-colors ${
          reaction.mine
            ? 'border-accent-400 bg-accent-50 text-accent-ink dark:border-accent-400/70 dark:bg-accent-400/15'
            : 'border-line bg-surface text-ink-soft hover:border-line-strong hover:bg-hover'
        }`}
      >
        <span>{reaction.emoji}</span>
        <span className="text-xs font-semibold">{reaction.users.length}</span>
      </button>
      <span
        id={tipId}
        role="tooltip"
        className="pointer-events-none invisible absolute bottom-full left-0 z-20 mb-1 w-max max-w-56 rounded-md bg-slate-900 px-2 py-1 text-xs text-white shadow-lg group-hover/chip:visible group-focus-within/chip:visible dark:bg-slate-700"
      >
        {who}
      </span>
    </span>
  )
}

interface ReactionsProps {
  reactions: readonly ReactionView[]
  me: string | null
  onToggle(emoji: string): void
  onAdd(anchor: HTMLElement): void
}

/**
 * A message's reactions as chips: the emoji and how many, pressed when one is ours (pressing
 * it takes ours back, or adds it), who reacted on hover and focus. Changes here are not read
 * out: the log would otherwise announce a count each time someone reacts.
 */
export function Reactions({ reactions, me, onToggle, onAdd }: ReactionsProps) {
  if (reactions.length === 0) return null
  return (
    <div aria-live="off" className="mt-1 flex flex-wrap items-center gap-1">
      {reactions.map((reaction) => (
        <Chip key={reaction.emoji} reaction={reaction} me={me} onToggle={() => onToggle(reaction.emoji)} />
      ))}
      <button
        type="button"
        aria-label="Add a reaction"
        title="Add a reaction"
        onClick={(event) => onAdd(event.currentTarget)}
        className="inline-flex h-7 items-center rounded-full border border-dashed border-line-strong px-2 text-muted transition-colors hover:bg-hover hover:text-ink"
      >
        <PlusIcon className="size-3.5" />
      </button>
    </div>
  )
}
