export * from './client/index.ts'
export * from './server/index.ts'
export * from './shared/index.ts'
