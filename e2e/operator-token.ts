/**
 * The operator's token (`ADMIN_TOKEN`) the e2e server and the image under test are started
 * with, and the specs act as the operator with; `E2E_ADMIN_TOKEN` names another deployment's.
 */
export const E2E_ADMIN_TOKEN = process.env.E2E_ADMIN_TOKEN ?? 'e2e-operator-token-0123456789'
