import type { findParty } from './parties.repository.ts';

type PartyRow = NonNullable<Awaited<ReturnType<typeof findParty>>>;

export function presentParty(p: PartyRow) {
  return { id: p.id, kind: p.kind, name: p.name, personId: p.person_id, email: p.email };
}
