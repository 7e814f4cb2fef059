// Printable instructions (issue 9): for a laundry room or a garage, how residents identify, start,
// end and top up, in the site's languages, with the prices in force and a QR code to the portal.
// Owns the PDF's content; the prices come from tariffs, the charging rules from sessions.
import type { Deps } from '../../deps.ts';
import { asPlatform, inTenant } from '../../db/scope.ts';
import type { ApplianceKind, Language, Metering } from '../../db/schema.ts';
import type { TenantActor } from '../../http/actor.ts';
import { requireAccess } from '../access/access.ts';
import { findBankAccount } from '../banking/banking.repository.ts';
import { chargingRules } from '../sessions/sessions.rules.ts';
import { tariffAt } from '../tariffs/tariffs.lookup.ts';
import { unitNotFound } from '../units/units.errors.ts';
import { unitNotPrintable } from './instructions.errors.ts';
import { renderInstructionsPdf, type PrintedRoom } from './instructions.pdf.ts';
import { authorize, instructionsPolicy } from './instructions.policies.ts';
import * as repo from './instructions.repository.ts';

// A room without devices yet still gets the prices of what such a room holds.
const KINDS_OF_ROOM: Record<PrintedRoom['kind'], ApplianceKind[]> = { laundry_room: ['washer', 'dryer', 'ironer'], garage: ['ev_connector'] };
// The devices' own defaults (docs/protocol.md), for a room without devices.
const IDLE_END_MINUTES = 90;
const IMPULSE_END_MINUTES = 5;

export interface InstructionsOptions { siteId: string; unitId: string; languages?: Language[] }

export async function instructionsPdf(deps: Deps, actor: TenantActor, options: InstructionsOptions): Promise<{ fileName: string; pdf: Buffer }> {
  authorize(instructionsPolicy.print(actor));
  const now = deps.clock.now();
  const room = await inTenant(deps.db, actor.tenantId, async (tx) => {
    await requireAccess(tx, actor, 'site', [options.siteId]);
    const unit = await repo.findRoom(tx, actor.tenantId, options.siteId, options.unitId);
    if (!unit) throw unitNotFound();
    if (unit.kind !== 'laundry_room' && unit.kind !== 'garage') throw unitNotPrintable();
    const appliances = await repo.roomAppliances(tx, actor.tenantId, unit.id);
    const kinds = appliances.length > 0 ? [...new Set(appliances.map((a) => a.kind))] : KINDS_OF_ROOM[unit.kind];
    const tariffs = (await Promise.all(kinds.map((kind) => tariffAt(tx, actor.tenantId, unit.site_id, kind, now)))).filter((t) => t !== null);
    const meterings = new Set<Metering>(appliances.length > 0 ? appliances.map((a) => a.metering) : tariffs.map((t) => t.metering));
    const charging = unit.kind === 'garage' ? await chargingRules(tx, actor.tenantId, unit.site_id) : null;
    const bank = await findBankAccount(tx, actor.tenantId);
    return { unit, appliances, tariffs, meterings, charging, bank };
  });
  const admin = await asPlatform(deps.db, (tx) => repo.firstAdmin(tx, actor.tenantId));
  const { unit, appliances, tariffs, meterings, charging, bank } = room;

  const printed: PrintedRoom = {
    kind: unit.kind as PrintedRoom['kind'],
    room: unit.label,
    site: unit.site_name,
    address: `${unit.street}, ${unit.postal_code} ${unit.city}`,
    tenantCode: unit.short_code,
    currency: unit.currency,
    prices: tariffs.map((t) => ({ applianceKind: t.appliance_kind, metering: t.metering, unitPriceMinor: t.unit_price_minor, sessionFeeMinor: t.session_fee_minor })),
    meterings: meterings.size > 0 ? [...meterings] : ['energy', 'time', 'impulse'],
    idleEndMinutes: Math.max(0, ...appliances.map((a) => Number(a.idle_end_minutes))) || IDLE_END_MINUTES,
    impulseEndMinutes: Math.max(0, ...appliances.map((a) => Number(a.impulse_end_minutes))) || IMPULSE_END_MINUTES,
    charging: charging && { billing: charging.billing, minBalanceMinor: charging.minBalanceMinor },
    bank: bank ? { name: bank.creditor_name, iban: bank.iban } : null,
    contact: [
      unit.tenant_name,
      ...(bank ? [`${bank.street}, ${bank.postal_code} ${bank.city}`] : []),
      ...(admin ? [[admin.email, admin.landline ?? admin.mobile].filter(Boolean).join(' · ')] : []),
    ],
    portalUrl: new URL('/login', deps.config.publicUrl).toString(),
  };
  const languages = options.languages ?? (unit.languages as Language[]);
  const slug = unit.label.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'room';
  return { fileName: `instructions-${slug}.pdf`, pdf: await renderInstructionsPdf(printed, languages) };
}
