/** The heading of a section of the room list ("Your rooms", "Other rooms"). */
export function SectionHeading({ id, children }: { id: string; children: string }) {
  return (
    <h2 id={id} className="px-4 pb-1.5 text-xs font-semibold tracking-wide text-muted uppercase">
      {children}
    </h2>
  )
}
