import { AppError } from '../errors.js';
import type { HenkilotunnusFailure } from './henkilotunnus.js';

/** A personal identity code (henkilötunnus) is malformed. The message and details never contain the code. */
export class InvalidPersonalIdentityCode extends AppError {
  readonly code = 'INVALID_PERSONAL_IDENTITY_CODE';
  readonly kind = 'invalid';

  constructor(readonly reason: HenkilotunnusFailure) {
    super(`Invalid personal identity code: ${reason.toLowerCase().replaceAll('_', ' ')}`, { reason });
  }
}
