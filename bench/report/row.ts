// One line of the summary table: a figure for Parley and the baseline, their ratio, and its target.

export interface Row {
  figure: string
  parley: string
  baseline: string
  /** Parley ÷ baseline. */
  ratio: string
  target: string
  result: 'pass' | 'FAIL' | 'inconclusive' | ''
}
