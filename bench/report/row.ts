// One line of the summary table: a figure for Parley, the ceiling (the bare baseline) and the
// Socket.IO peer measured in the same run, Parley's ratio to the ceiling, and its target.

export interface Row {
  figure: string
  parley: string
  /** The bare Bun.serve baseline: the ceiling for this machine. */
  baseline: string
  /** The Socket.IO 4 peer on Node; blank where it has no figure. */
  socketio?: string
  /** Parley ÷ ceiling, unless the figure says otherwise. */
  ratio: string
  target: string
  result: 'PASS' | 'FAIL' | 'inconclusive' | ''
}

/** The empty cells of a row without a target, to spread before its own. */
export const blank = { parley: '', baseline: '', ratio: '', target: '', result: '' } as const
