// Remembers the last accepted TOTP time step per user, so a code that was seen once (on the
// wire, over a shoulder) cannot be replayed within its 30-second window (RFC 6238 §5.2).
import { sql } from 'kysely';
import type { Migration } from '../migrate.ts';

export const totpReplay: Migration = {
  version: 2,
  name: 'totp_replay',
  async up(db) {
    await sql`ALTER TABLE users ADD COLUMN totp_last_step integer`.execute(db);
  },
};
