// How a session begins: a pre-selection (the laundry terminal's Preselect, or the portal's
// remote start) prices the maximum at the tariff in force and holds it on the wallet; a
// StartTransaction then makes it active. A StartTransaction without a pre-selection (a charger,
// a terminal of another make, a transaction replayed after being offline) starts a session of
// its own, paid by holds taken step by step as it goes on.
import { isUniqueViolation } from '../../db/errors.ts';
import { inTenant } from '../../db/scope.ts';
import type { Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { UsageSession } from '../../db/schema.ts';
import type { PreselectAnswer, QuantityUnit, RefusalCode, TariffAnswer } from '../../gateway/ocpp/vendor.ts';
import { authorize } from '../authorization/authorization.usecases.ts';
import type { AuthorizationStatus, AuthorizeAnswer, RefusalReason } from '../authorization/authorization.types.ts';
import type { ConnectedDevice } from '../devices/devices.link.ts';
import { announceDevice } from '../devices/devices.link.ts';
import * as devices from '../devices/devices.link.repository.ts';
import { systemAccountId, walletOf } from '../ledger/ledger.usecases.ts';
import { tariffAt } from '../tariffs/tariffs.lookup.ts';
import { costOf, DISPLAY_UNIT, storedQuantity } from '../tariffs/tariffs.pricing.ts';
import { holdForSession, releaseHolds } from './sessions.money.ts';
import * as repo from './sessions.repository.ts';
import { chargingRules, purposeOf } from './sessions.rules.ts';

/** What the terminal shows for each reason the authorisation gave. */
export const REFUSAL_OF: Record<RefusalReason, RefusalCode> = {
  lost: 'authorization_error', blocked: 'authorization_error', fee_unpaid: 'authorization_error', returned: 'authorization_error',
  ordered: 'authorization_error', expired: 'authorization_error', debt: 'authorization_error', unknown: 'not_found',
  platform_badges_only: 'badge_not_supported', in_use: 'busy',
};

const OUT_OF_SERVICE = new Set(['Faulted', 'Unavailable']);

export type PreselectResult = { accepted: true; answer: PreselectAnswer } | { accepted: false; reason: RefusalCode };

export interface PreselectInput {
  connectorId: number;
  idTag: string;
  quantity: number;
  unit: QuantityUnit;
  origin: 'device' | 'portal';
}

export function tariffAnswer(connectorId: number, session: Pick<UsageSession, 'metering' | 'unit_price_minor' | 'session_fee_minor' | 'vat_rate_bp' | 'currency'>): TariffAnswer {
  return {
    connectorId, unit: DISPLAY_UNIT[session.metering], unitPrice: session.unit_price_minor, sessionFee: session.session_fee_minor,
    vatRate: session.vat_rate_bp / 100, currency: session.currency,
  };
}

/** The price a terminal shows before a start: the tariff in force for the connector's appliance, or null. */
export async function currentPrice(deps: Deps, device: ConnectedDevice, connectorId: number): Promise<TariffAnswer | null> {
  return inTenant(deps.db, device.tenantId, async (tx) => {
    const appliance = await devices.applianceAt(tx, device.tenantId, device.deviceId, connectorId);
    if (!appliance) return null;
    const tariff = await tariffAt(tx, device.tenantId, appliance.site_id, appliance.kind, deps.clock.now());
    if (!tariff || tariff.metering !== appliance.metering) return null;
    return tariffAnswer(connectorId, { metering: tariff.metering, unit_price_minor: tariff.unit_price_minor, session_fee_minor: tariff.session_fee_minor, vat_rate_bp: tariff.vat_rate_bp, currency: tariff.currency });
  });
}

export async function preselect(deps: Deps, device: ConnectedDevice, input: PreselectInput): Promise<PreselectResult> {
  // Whether the tag is busy on another device is checked below, under the appliance's lock.
  const auth = await authorize(deps, { tenantId: device.tenantId, deviceId: device.identity, purpose: purposeOf(device), idTag: input.idTag }, { busyElsewhere: false });
  if (auth.status !== 'Accepted') return { accepted: false, reason: REFUSAL_OF[auth.reason ?? 'unknown'] };
  const now = deps.clock.now();
  const accounts = { walletId: auth.walletId, revenueId: await systemAccountId(deps.db, device.tenantId, 'revenue') };
  try {
    return await inTenant(deps.db, device.tenantId, async (tx): Promise<PreselectResult> => {
      const appliance = await repo.lockApplianceAt(tx, device.tenantId, device.deviceId, input.connectorId);
      if (!appliance) return { accepted: false, reason: 'not_found' };
      if (OUT_OF_SERVICE.has(appliance.ocpp_status ?? '')) return { accepted: false, reason: 'appliance_fault' };
      if (DISPLAY_UNIT[appliance.metering] !== input.unit) return { accepted: false, reason: 'not_allowed' };
      const around = await repo.runningAround(tx, device.tenantId, appliance.id, auth.credentialId!, device.deviceId);
      const running = around.filter((s) => s.appliance_id === appliance.id);
      if (running.some((s) => s.status === 'active' || s.credential_id !== auth.credentialId)) return { accepted: false, reason: 'busy' };
      // A tag busy on another device may not start here.
      if (around.some((s) => s.credential_id === auth.credentialId && s.device_id !== device.deviceId)) return { accepted: false, reason: 'busy' };
      const tariff = await tariffAt(tx, device.tenantId, appliance.site_id, appliance.kind, now);
      if (!tariff || tariff.metering !== appliance.metering) return { accepted: false, reason: 'not_allowed' };

      // The same tag choosing again before starting replaces its earlier choice.
      for (const earlier of running) await cancelPreselection(tx, earlier, now);
      const quantity = storedQuantity(appliance.metering, input.quantity);
      const price = { metering: tariff.metering, unitPriceMinor: tariff.unit_price_minor, sessionFeeMinor: tariff.session_fee_minor, vatRateBp: tariff.vat_rate_bp };
      const maxCost = costOf(price, quantity);
      const session = await repo.insertSession(tx, {
        tenantId: device.tenantId, deviceId: device.deviceId, applianceId: appliance.id, connectorId: input.connectorId, idTag: input.idTag,
        credentialId: auth.credentialId, personId: auth.personId, status: 'preselected', billing: 'prepaid', origin: input.origin,
        tariffId: tariff.id, metering: tariff.metering, unitPriceMinor: tariff.unit_price_minor, sessionFeeMinor: tariff.session_fee_minor,
        vatRateBp: tariff.vat_rate_bp, currency: tariff.currency, preselectQuantity: quantity, transactionId: null, startedAt: null,
        meterStartWh: null, reservationId: null, refusal: null, createdAt: now, heldMinor: maxCost,
      });
      // Open portal pages hear of it at the commit (and not at all if the hold is refused).
      await announceDevice(tx, device.tenantId, device.deviceId);
      // The hold last: the tenant's revenue account stays locked only until the commit.
      const hold = maxCost > 0 ? await holdForSession(tx, session, maxCost, 1, now, accounts) : { held: true as const, amountMinor: 0 };
      if (!hold.held) throw new BalanceTooLow();
      const wallet = await walletOf(tx, device.tenantId, auth.personId!);
      return {
        accepted: true,
        answer: { sessionId: session.id, maxAmount: maxCost, currency: tariff.currency, balance: wallet.available, tariff: tariffAnswer(input.connectorId, session) },
      };
    });
  } catch (error) {
    // Refused before anything was written (the transaction rolled back): the terminal says "balance too low".
    if (error instanceof BalanceTooLow || (error as { code?: string }).code === 'ledger.insufficient_funds') return { accepted: false, reason: 'balance_too_low' };
    throw error;
  }
}

class BalanceTooLow extends Error {}

async function cancelPreselection(tx: Tx, session: UsageSession, now: Date): Promise<void> {
  await releaseHolds(tx, session, now);
  await repo.updateSession(tx, session.tenant_id, session.id, { status: 'cancelled', stopped_at: now, amount_minor: 0, quantity: 0 });
}

export interface StartInput {
  connectorId: number;
  idTag: string;
  meterStartWh: number;
  timestamp: Date;
  reservationId: number | null;
}

export interface StartAnswer {
  transactionId: number;
  status: AuthorizationStatus;
}

/** A start reported more than this long after it happened was made while the device was offline. */
export const OFFLINE_AFTER_MS = 5 * 60_000;

/** StartTransaction: always answered with a transactionId, also for a refused tag (OCPP requires one). */
export async function startTransaction(deps: Deps, device: ConnectedDevice, input: StartInput): Promise<StartAnswer> {
  const now = deps.clock.now();
  const seen = () => inTenant(deps.db, device.tenantId, (tx) => repo.findStarted(tx, device.tenantId, device.deviceId, input.connectorId, input.idTag, input.timestamp));
  const answerFor = (session: { transaction_id: number | null; status: string }) => ({ transactionId: session.transaction_id!, status: (session.status === 'refused' ? 'Invalid' : 'Accepted') as AuthorizationStatus });
  /** Starts the tag's pre-selection waiting on this connector, if any; the appliance is busy from the commit. */
  const startWaiting = async (tx: Tx): Promise<StartAnswer | null> => {
    const transactionId = await repo.startPreselected(tx, device.tenantId, {
      deviceId: device.deviceId, connectorId: input.connectorId, idTag: input.idTag, startedAt: input.timestamp, meterStartWh: input.meterStartWh,
    });
    if (transactionId === null) return null;
    await announceDevice(tx, device.tenantId, device.deviceId);
    return { transactionId, status: 'Accepted' };
  };

  // The usual start: the tag's pre-selection on this connector (at the terminal or from the portal)
  // was the authorisation and the hold; one statement gives it its transactionId. A retry of a
  // start seen before starts nothing and is answered as the first was.
  const preselected = await inTenant(deps.db, device.tenantId, async (tx) => {
    const started = await startWaiting(tx);
    if (started) return started;
    const earlier = await repo.findStarted(tx, device.tenantId, device.deviceId, input.connectorId, input.idTag, input.timestamp);
    return earlier?.transaction_id ? answerFor(earlier) : null;
  });
  if (preselected) return preselected;

  const offline = now.getTime() - input.timestamp.getTime() > OFFLINE_AFTER_MS;
  const auth = await authorize(deps, { tenantId: device.tenantId, deviceId: device.identity, purpose: purposeOf(device), idTag: input.idTag });
  try {
    return await inTenant(deps.db, device.tenantId, async (tx) => {
      // A pre-selection made since we looked (the portal's start racing the terminal) is started all the same.
      const raced = await startWaiting(tx);
      if (raced) return raced;
      const transactionId = await repo.nextTransactionId(tx);
      const appliance = await devices.applianceAt(tx, device.tenantId, device.deviceId, input.connectorId);
      // What happened offline happened: it is recorded and charged whatever the tag's state is now.
      const accepted = auth.status === 'Accepted' || (offline && auth.personId !== null);
      const status = await startUnselected(deps, tx, device, input, { transactionId, auth, appliance, accepted, offline, now });
      if (status === 'Accepted') await announceDevice(tx, device.tenantId, device.deviceId);
      return { transactionId, status };
    });
  } catch (error) {
    // The same StartTransaction arriving twice at once: the second finds what the first made.
    const first = isUniqueViolation(error) ? await seen() : undefined;
    if (first?.transaction_id) return answerFor(first);
    throw error;
  }
}

async function startUnselected(deps: Deps, tx: Tx, device: ConnectedDevice, input: StartInput, context: {
  transactionId: number; auth: AuthorizeAnswer; appliance: Awaited<ReturnType<typeof devices.applianceAt>>; accepted: boolean; offline: boolean; now: Date;
}): Promise<AuthorizationStatus> {
  const { appliance, auth, now } = context;
  if (!appliance) return 'Invalid'; // no appliance on that connector: nothing to record a session against
  const rules = await chargingRules(tx, device.tenantId, appliance.site_id);
  const tariff = await tariffAt(tx, device.tenantId, appliance.site_id, appliance.kind, context.offline ? input.timestamp : now);
  const billing = device.kind === 'charger' ? rules.billing : 'prepaid';
  let refusal: string | null = context.accepted ? null : (auth.reason ?? 'unknown');
  if (!refusal && !tariff) refusal = 'no_tariff';
  const session = await repo.insertSession(tx, {
    tenantId: device.tenantId, deviceId: device.deviceId, applianceId: appliance.id, connectorId: input.connectorId, idTag: input.idTag,
    credentialId: auth.credentialId, personId: auth.personId, status: refusal ? 'refused' : 'active', billing,
    origin: context.offline ? 'offline' : 'device', tariffId: tariff?.id ?? null, metering: tariff?.metering ?? appliance.metering,
    unitPriceMinor: tariff?.unit_price_minor ?? 0, sessionFeeMinor: tariff?.session_fee_minor ?? 0, vatRateBp: tariff?.vat_rate_bp ?? 0,
    currency: tariff?.currency ?? rules.currency, preselectQuantity: null, transactionId: context.transactionId, startedAt: input.timestamp,
    meterStartWh: input.meterStartWh, reservationId: input.reservationId, refusal, createdAt: now,
  });
  if (refusal) return refusal === 'no_tariff' ? 'Blocked' : (auth.status === 'Accepted' ? 'Invalid' : auth.status);
  if (context.offline || billing === 'postpaid') return auth.status === 'Accepted' ? 'Accepted' : auth.status;
  // Prepaid without a pre-selection: the first step is held now; MeterValues take more as needed.
  const step = Math.min(rules.holdStepMinor, Math.max(0, (await walletOf(tx, device.tenantId, auth.personId!)).available));
  const hold = step > 0 ? await holdForSession(tx, session, step, 1, now) : { held: false as const };
  if (!hold.held || (device.kind === 'charger' && step < rules.minBalanceMinor)) {
    await repo.updateSession(tx, device.tenantId, session.id, { status: 'refused', refusal: 'balance_too_low', stopped_at: now });
    if (hold.held) await releaseHolds(tx, session, now);
    return 'Blocked';
  }
  await repo.updateSession(tx, device.tenantId, session.id, { held_minor: step });
  return 'Accepted';
}
