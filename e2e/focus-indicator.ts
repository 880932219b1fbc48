// The focus indicator an element draws for itself, as WCAG 2.4.7 and 2.4.13 ask.

/** What the focused element itself draws to show the focus, read in the page. */
export interface FocusShown {
  name: string
  /** An outline, or a ring drawn by the element's own box-shadow; `none` if neither. */
  kind: 'outline' | 'ring' | 'none'
  /** The indicator's thickness in CSS pixels. */
  width: number
  /** Contrast of the indicator's colour against the background around the element. */
  contrast: number
  /** Whether the previously focused element, now unfocused, no longer draws it. */
  previousChanged: boolean | null
}

/**
 * Reads, in the page, the focused element's own focus indicator (an outline, or a ring in its
 * own box-shadow: a frame lit around it by `:focus-within` does not count), and whether the
 * element focused before has lost its own. Self-contained: it runs through `page.evaluate`.
 */
export async function readFocus(): Promise<FocusShown | null> {
  type Probe = { element: Element; signature: string }
  const store = window as unknown as { focusProbe?: Probe }
  const signatureOf = (element: Element) => {
    const style = getComputedStyle(element)
    return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} | ${style.boxShadow}`
  }
  const previous = store.focusProbe
  const previousChanged =
    previous && previous.element !== document.activeElement && previous.element.isConnected
      ? signatureOf(previous.element) !== previous.signature
      : null

  const element = document.activeElement
  if (!(element instanceof HTMLElement) || element === document.body) return null
  // The indicator may fade in (a transition on outline-color): read it once it has settled.
  await Promise.all(element.getAnimations().map((animation) => animation.finished.catch(() => undefined)))
  // A control removed meanwhile (a room elsewhere emptied, say) has no style left to judge.
  if (!element.isConnected || document.activeElement !== element) return null
  store.focusProbe = { element, signature: signatureOf(element) }

  const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })
  if (!canvas) throw new Error('no canvas')
  /** Any CSS colour as sRGB bytes and alpha (0 to 1). */
  const rgba = (color: string): [number, number, number, number] => {
    canvas.clearRect(0, 0, 1, 1)
    canvas.fillStyle = '#000'
    canvas.fillStyle = color
    canvas.fillRect(0, 0, 1, 1)
    const [r = 0, g = 0, b = 0, a = 0] = canvas.getImageData(0, 0, 1, 1).data
    return [r, g, b, a / 255]
  }
  const over = (top: number[], bottom: number[]) =>
    [0, 1, 2].map((i) => (top[i] ?? 0) * (top[3] ?? 0) + (bottom[i] ?? 0) * (1 - (top[3] ?? 0)))
  /** The opaque colour behind the element: its ancestors' backgrounds, composed. */
  const layers: number[][] = []
  for (let node = element.parentElement; node; node = node.parentElement) {
    const layer = rgba(getComputedStyle(node).backgroundColor)
    if ((layer[3] ?? 0) > 0) layers.push(layer)
    if ((layer[3] ?? 0) >= 1) break
  }
  const around = layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255])
  const luminance = (rgb: number[]) => {
    const [r = 0, g = 0, b = 0] = rgb.map((c) =>
      c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4,
    )
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const contrast = (color: string) => {
    const shown = over(rgba(color), around)
    const [light, dark] = [luminance(shown), luminance(around)].sort((a, b) => b - a)
    return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)
  }

  const style = getComputedStyle(element)
  const candidates: Pick<FocusShown, 'kind' | 'width' | 'contrast'>[] = []
  if (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) {
    candidates.push({
      kind: 'outline',
      width: Number.parseFloat(style.outlineWidth),
      contrast: contrast(style.outlineColor),
    })
  }
  // A ring is a shadow with no offset and no blur, `color 0px 0px 0px Npx`, of N px.
  for (const shadow of style.boxShadow.split(/,(?![^(]*\))/)) {
    const lengths = shadow.match(/(-?[\d.]+)px/g)?.map((length) => Number.parseFloat(length)) ?? []
    const [x = 1, y = 1, blur = 1, spread = 0] = lengths
    const color = shadow.replace(/(-?[\d.]+px|inset)/g, '').trim()
    if (x === 0 && y === 0 && blur === 0 && spread > 0 && rgba(color)[3] > 0) {
      candidates.push({ kind: 'ring', width: spread, contrast: contrast(color) })
    }
  }
  const best = candidates.sort((a, b) => b.contrast - a.contrast)[0] ?? { kind: 'none', width: 0, contrast: 1 }
  const label =
    element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.labels?.[0] : null
  const name = element.getAttribute('aria-label') ?? label?.textContent?.trim() ?? element.textContent?.trim() ?? ''
  return { name: `${element.tagName} ${name || element.tagName}`.slice(0, 60), ...best, previousChanged }
}
