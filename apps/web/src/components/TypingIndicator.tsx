import { useChatSelector } from '../chat/context.ts'
import { describeTypers } from '../chat/model/typing.ts'

const NOBODY: Record<string, number> = {}

/**
 * "alice is typing…" for the room on screen, in a line that keeps its height so nothing
 * jumps when it comes and goes. Each name goes 5 s after that person's last signal, or at
 * once when their message arrives or they leave.
 */
export function TypingIndicator({ room }: { room: string }) {
  const typers = useChatSelector((state) => state.typing[room] ?? NOBODY)
  const names = Object.entries(typers)
    .sort(([, a], [, b]) => a - b)
    .map(([name]) => name)
  const text = describeTypers(names)

  return (
    <div
      data-testid="typing-indicator"
      aria-live="polite"
      className="flex h-6 shrink-0 items-center gap-2 px-4 text-xs text-muted sm:px-7"
    >
      {text !== null && (
        <>
          <span aria-hidden="true" className="flex gap-0.5">
            {[0, 150, 300].map((delay) => (
              <span
                key={delay}
                className="size-1 animate-typing-dot rounded-full bg-current motion-reduce:animate-none"
                style={{ animationDelay: `${delay}ms` }}
              />
            ))}
          </span>
          <span className="min-w-0 truncate">{text}</span>
        </>
      )}
    </div>
  )
}
