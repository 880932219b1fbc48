import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { ChatProvider } from './chat/ChatProvider.tsx'
import { createChatClient } from './chat/client.ts'
import './index.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

const client = createChatClient()

createRoot(root).render(
  <StrictMode>
    <ChatProvider client={client}>
      <App />
    </ChatProvider>
  </StrictMode>,
)
