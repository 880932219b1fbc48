import { Component, type ReactNode } from 'react'
import { isFailedLoad, type LoadRecovery } from '../preload-recovery.ts'
import { LoadProblemBar, LoadProblemPage } from './LoadProblem.tsx'

interface Props {
  recovery: LoadRecovery
  children: ReactNode
}

interface State {
  error: { failedLoad: boolean } | null
}

/**
 * Catches what the app throws while rendering. A lazily loaded part that failed to load
 * (the chat view of a build a deploy replaced) starts the page's recovery, a reload; any
 * error is shown in words in place of the app rather than leaving the page blank.
 */
export class LoadFailureBoundary extends Component<Props, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: unknown): State {
    return { error: { failedLoad: isFailedLoad(error) } }
  }

  override componentDidCatch(error: unknown): void {
    if (isFailedLoad(error)) this.props.recovery.recover()
  }

  override render() {
    const { recovery, children } = this.props
    if (this.state.error) return <LoadProblemPage recovery={recovery} failedLoad={this.state.error.failedLoad} />
    return (
      <>
        <LoadProblemBar recovery={recovery} />
        {children}
      </>
    )
  }
}
