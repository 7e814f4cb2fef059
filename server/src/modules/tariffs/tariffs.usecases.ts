// Tariffs: what a wash, a drying or a charge costs at a site, per appliance kind and period.
// A tariff is never edited: sessions freeze a copy when the price is shown, and a price change
// is a new tariff from the day it applies, which ends the open-ended one before it. Only a
// tariff that has not started may be withdrawn.
import type { Tx } from '../../db/scope.ts';
import type { ApplianceKind, Metering, Tariff } from '../../db/schema.ts';
import type { TenantActor } from '../../http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { siteNotFound } from '../sites/sites.errors.ts';
import { alreadyStarted, invalidPeriod, meteringNotAllowed, overlap, startsInPast, tariffNotFound, vatRateRequired } from './tariffs.errors.ts';
import * as repo from './tariffs.repository.ts';
import { KIND_ORDER, meteringAllowed, STANDARD_VAT_BP } from './tariffs.rules.ts';

export interface NewTariffInput {
  tenantId: string;
  siteId: string;
  applianceKind: ApplianceKind;
  metering: Metering;
  unitPriceMinor: number;
  sessionFeeMinor?: number;
  vatRateBp?: number;
  /** Defaults to `now`. */
  validFrom?: Date;
  validTo?: Date | null;
  actor: TenantActor;
  now: Date;
}

/**
 * Adds a tariff to a site (callers check access to it). Starting while an open-ended tariff of
 * the same kind runs makes it the new version: that one ends where this one starts. Any other
 * overlap is refused. The site row stays locked until commit, so concurrent additions to one
 * site take turns and cannot both pass the overlap check.
 */
export async function createTariff(tx: Tx, input: NewTariffInput): Promise<Tariff> {
  if (!meteringAllowed(input.applianceKind, input.metering)) throw meteringNotAllowed();
  const validFrom = input.validFrom ?? input.now;
  const validTo = input.validTo ?? null;
  if (validFrom < input.now) throw startsInPast();
  if (validTo !== null && validTo <= validFrom) throw invalidPeriod();

  const site = await repo.lockSite(tx, input.tenantId, input.siteId);
  if (!site) throw siteNotFound();
  const vatRateBp = input.vatRateBp ?? STANDARD_VAT_BP[site.country];
  if (vatRateBp === undefined) throw vatRateRequired();

  const met = await repo.overlapping(tx, input.tenantId, input.siteId, input.applianceKind, validFrom, validTo);
  const previous = met.length === 1 && met[0]!.valid_to === null && new Date(met[0]!.valid_from) < validFrom ? met[0]! : null;
  if (met.length > 0 && !previous) throw overlap(new Date(met[0]!.valid_from), met[0]!.valid_to && new Date(met[0]!.valid_to));
  if (previous) {
    await repo.setValidTo(tx, input.tenantId, previous.id, validFrom);
    await recordAudit(tx, input.actor, { action: 'tariff.closed', entityType: 'tariff', entityId: previous.id, before: previous, after: { ...previous, valid_to: validFrom } });
  }
  const tariff = await repo.insertTariff(tx, input.tenantId, {
    siteId: input.siteId, applianceKind: input.applianceKind, metering: input.metering, unitPriceMinor: input.unitPriceMinor,
    sessionFeeMinor: input.sessionFeeMinor ?? 0, vatRateBp, currency: site.currency, validFrom, validTo, createdAt: input.now,
  });
  await recordAudit(tx, input.actor, { action: 'tariff.created', entityType: 'tariff', entityId: tariff.id, after: tariff });
  return tariff;
}

/**
 * Withdraws a tariff that has not started. If it had ended an earlier one (that one's end is
 * this one's start), the earlier one runs on in its place until this one would have ended, so
 * withdrawing a planned price change leaves the price as it was, without a gap.
 */
export async function deleteTariff(tx: Tx, input: { tenantId: string; siteId: string; tariffId: string; actor: TenantActor; now: Date }): Promise<void> {
  if (!(await repo.lockSite(tx, input.tenantId, input.siteId))) throw siteNotFound();
  const tariff = await repo.findTariff(tx, input.tenantId, input.siteId, input.tariffId);
  if (!tariff) throw tariffNotFound();
  if (new Date(tariff.valid_from) <= input.now) throw alreadyStarted();
  const previous = await repo.closedAt(tx, input.tenantId, input.siteId, tariff.appliance_kind, new Date(tariff.valid_from));
  await repo.deleteTariff(tx, input.tenantId, tariff.id);
  await recordAudit(tx, input.actor, { action: 'tariff.deleted', entityType: 'tariff', entityId: tariff.id, before: tariff });
  if (previous) {
    await repo.setValidTo(tx, input.tenantId, previous.id, tariff.valid_to);
    await recordAudit(tx, input.actor, { action: 'tariff.reopened', entityType: 'tariff', entityId: previous.id, before: previous, after: { ...previous, valid_to: tariff.valid_to } });
  }
}

const byKindThenStart = (a: Tariff, b: Tariff) =>
  KIND_ORDER.indexOf(a.appliance_kind) - KIND_ORDER.indexOf(b.appliance_kind) || new Date(a.valid_from).getTime() - new Date(b.valid_from).getTime();

/** Every tariff of a site, past, current and future, by appliance kind and start. */
export async function siteTariffs(tx: Tx, tenantId: string, siteId: string): Promise<Tariff[]> {
  return (await repo.siteTariffs(tx, tenantId, siteId)).sort(byKindThenStart);
}
