import { encode } from 'uqr'

/** The dark modules of a QR code as one SVG path, one unit per module. */
function modulesPath(data: boolean[][]): string {
  let path = ''
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`
    })
  })
  return path
}

/**
 * `text` as a QR code: dark on white in either theme (scanners want that contrast), with
 * the quiet zone the standard asks for, scaled to its box. `label` names it for screen readers.
 */
export function QrCode({ text, label, className = '' }: { text: string; label: string; className?: string }) {
  const { data, size } = encode(text, { ecc: 'M', border: 4 })
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      className={className}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={modulesPath(data)} fill="#000" />
    </svg>
  )
}
