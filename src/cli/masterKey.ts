import { createHmac } from 'node:crypto';
import type { Config } from '../config/config.js';
import { secretOrDevelopmentKey } from './secrets.js';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The 32-byte master key that wraps every client's data key, derived from LEDGER_MASTER_KEY (generated into the
 * data directory in development; required in production). Losing it makes every `person` part unreadable.
 */
export const loadMasterKey = (config: Config, announce: (message: string) => void = () => {}): Buffer => {
  const secret = secretOrDevelopmentKey(
    config,
    config.LEDGER_MASTER_KEY,
    'LEDGER_MASTER_KEY',
    MASTER_KEY_FILE,
    announce,
  );
  return createHmac('sha256', secret).update('jobseeker-ledger/master-key').digest();
};
