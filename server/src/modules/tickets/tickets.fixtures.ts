// Test helpers: logins the demo lacks (a second resident, technicians), and small valid files.
import { asPlatform } from '../../db/scope.ts';
import type { Language, TenantRole } from '../../db/schema.ts';
import { DEMO_PASSWORD } from '../../demo/seed.ts';
import { hashPassword } from '../auth/auth.passwords.ts';
import type { TestContext } from '../../test/app.ts';

let hash: Promise<string> | undefined;

/** A login in a demo tenant; a resident is linked to the person of `personEmail`. */
export async function addLogin(ctx: TestContext, login: { tenant: string; email: string; name: string; role: TenantRole; language?: Language; personEmail?: string }) {
  const passwordHash = await (hash ??= hashPassword(DEMO_PASSWORD));
  return asPlatform(ctx.deps.db, async (tx) => {
    const tenant = await tx.selectFrom('tenants').select('id').where('short_code', '=', login.tenant).executeTakeFirstOrThrow();
    const person = login.personEmail
      ? await tx.selectFrom('people').select('id').where('tenant_id', '=', tenant.id).where('email', '=', login.personEmail).executeTakeFirstOrThrow()
      : null;
    const user = await tx.insertInto('users').values({ email: login.email, password_hash: passwordHash, display_name: login.name, language: login.language ?? 'de',
      platform_role: null, landline: null, mobile: null, totp_secret: null, totp_enabled_at: null, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('memberships').values({ tenant_id: tenant.id, user_id: user.id, role: login.role, person_id: person?.id ?? null }).execute();
    return { userId: user.id, tenantId: tenant.id, personId: person?.id ?? null };
  });
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bytes that start like a PNG: what the type check looks at. */
export const pngBytes = (size = 256) => Buffer.concat([Buffer.from(PNG_SIGNATURE), Buffer.alloc(Math.max(0, size - PNG_SIGNATURE.length), 7)]);
export const photo = (size?: number) => ({ filename: 'waschmaschine.png', mediaType: 'image/png' as const, contentBase64: pngBytes(size).toString('base64') });
