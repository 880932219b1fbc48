import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig, loadEnv, type ProxyOptions } from 'vite'
import { bundleBudget } from './bundle-budget.ts'
import { precompress } from './precompress.ts'

const DEFAULT_SERVER_URL = 'http://localhost:3001'
/** The initial JavaScript's budget, gzip (see bundle-budget.ts). */
const INITIAL_JS_BUDGET_BYTES = 120_000

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, '.', 'PARLEY_')
  const target = env.PARLEY_SERVER_URL || DEFAULT_SERVER_URL
  const proxy: Record<string, ProxyOptions> = {
    '/ws': { target, ws: true, changeOrigin: true },
    '/api': { target, changeOrigin: true },
    '/files': { target, changeOrigin: true },
  }

  return {
    plugins: [react(), tailwindcss(), bundleBudget({ limitBytes: INITIAL_JS_BUDGET_BYTES }), precompress()],
    server: { proxy },
    preview: { proxy },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
    },
  }
})
