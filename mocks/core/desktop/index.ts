export { DesktopChannel, type DesktopChannelOptions, type InitClientResult } from './channel.js';
export { DesktopError, DESKTOP_ERROR_STATUS, isDesktopError, type DesktopErrorName } from './errors.js';
export { IDLE_LIMIT_MS, HARD_LIMIT_MS, type DesktopGrant } from './grant.js';
export { PROMPT_SCOPE, PROMPT_DURATION } from './prompt.js';
export { SUPPORTED_METHODS, parseSecretReference, type DesktopMethod } from './methods.js';
export { DEFAULT_POLICY, parseDesktopConfig, type DesktopChannelSettings } from './config.js';
export {
  DEMO_ACCOUNTS, DEMO_ACCOUNT_ID, WORK_ACCOUNT_ID, DesktopConfigError, findAccount,
  type Account, type Vault, type Item, type ItemField, type AccountInput, type VaultInput, type ItemInput, type FieldInput,
} from './vault.js';
export * from './types.js';
export { desktopDefects, UnknownDesktopDefectError, type DesktopDefectName } from './defects.js';
