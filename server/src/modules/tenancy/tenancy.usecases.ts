// Property managers (tenants) and the operator logins above them.
import type { Db } from '../../db/client.ts';
import { asPlatform } from '../../db/scope.ts';
import { conflict, invalid } from '../../errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/auth.passwords.ts';
import { findUserByEmail } from '../auth/auth.repository.ts';

export async function createOperator(db: Db, input: { email: string; displayName: string; password: string }): Promise<void> {
  if (input.password.length < MIN_PASSWORD_LENGTH) throw invalid('auth.password_too_short', 'password', `At least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(input.password);
  await asPlatform(db, async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw conflict('users.email_taken', 'This e-mail already has a login', 'email');
    await tx.insertInto('users').values({
      email: input.email, password_hash: passwordHash, display_name: input.displayName, language: 'en',
      platform_role: 'operator_admin', landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null,
    }).execute();
  });
}
