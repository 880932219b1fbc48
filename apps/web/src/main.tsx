import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { ChatProvider } from './chat/ChatProvider.tsx'
import { createChatClient, loadConnection } from './chat/net/client.ts'
import { LoadFailureBoundary } from './components/LoadFailureBoundary.tsx'
import { startLoadRecovery } from './preload-recovery.ts'
import { startTheme } from './theme.ts'
import './index.css'

// Before anything renders, so the first paint is already in the right theme. (The page's
// policy allows no inline script, so this is the earliest place.)
startTheme()

// A lazily loaded chunk that fails (a tab opened before a deploy asks for the old build's)
// reloads the page once; the session and drafts come back from this tab's storage.
const recovery = startLoadRecovery()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

// Starts loading the connection module (schemas, codec) while the first screen renders.
const client = createChatClient()
// The same download: if it fails, the chat cannot connect, so the page recovers as for any chunk.
loadConnection().catch(() => recovery.recover())

createRoot(root).render(
  <StrictMode>
    <LoadFailureBoundary recovery={recovery}>
      <ChatProvider client={client}>
        <App />
      </ChatProvider>
    </LoadFailureBoundary>
  </StrictMode>,
)
