import { Avatar } from './Avatar.tsx'

interface MentionSuggestionsProps {
  id: string
  names: readonly string[]
  active: number
  onPick(name: string): void
  onHover(index: number): void
}

/** The id of a suggestion's option element, for the composer's `aria-activedescendant`. */
export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`
}

/**
 * The people an `@` being typed may mean, under the composer. The composer keeps the focus
 * and points at the active option (`aria-activedescendant`); arrows move, Enter or Tab picks.
 */
export function MentionSuggestions({ id, names, active, onPick, onHover }: MentionSuggestionsProps) {
  return (
    <div className="absolute inset-x-0 bottom-full z-20 mb-2 overflow-hidden rounded-xl border border-line bg-raised shadow-lg">
      <p id={`${id}-label`} className="border-b border-line px-3 py-1.5 text-xs font-medium text-muted">
        People in this room
      </p>
      <div id={id} role="listbox" aria-labelledby={`${id}-label`} className="max-h-60 overflow-y-auto p-1">
        {names.map((name, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the composer keeps the focus and handles the keys (arrows, Enter, Tab)
          <div
            key={name}
            id={optionId(id, index)}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(name)}
            onMouseMove={() => onHover(index)}
            className={`flex cursor-pointer items-center gap-2 rounded-lg px-2 py-1.5 text-sm ${
              index === active ? 'bg-accent-600 text-white' : 'text-ink'
            }`}
          >
            <Avatar name={name} size="sm" />
            <span className="truncate">{name}</span>
          </div>
        ))}
      </div>
    </div>
  )
}
