import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { ChatProvider } from './chat/ChatProvider.tsx'
import { createChatClient } from './chat/net/client.ts'
import { startTheme } from './theme.ts'
import './index.css'

// Before anything renders, so the first paint is already in the right theme. (The page's
// policy allows no inline script, so this is the earliest place.)
startTheme()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

// Starts loading the connection module (schemas, codec) while the first screen renders.
const client = createChatClient()

createRoot(root).render(
  <StrictMode>
    <ChatProvider client={client}>
      <App />
    </ChatProvider>
  </StrictMode>,
)
