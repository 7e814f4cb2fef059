// Tenant isolation through the API: every route that takes an id, called by Heimbau's admin with
// an id of Régie du Lac, answers 404 — the other tenant's data does not exist for it. The route
// list comes from the OpenAPI document, so a new route with an id fails here until it is listed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../modules/bankimport/fixtures/fixtures.ts';
import { asPlatform } from '../db/scope.ts';
import { addPostpaidCharger, addPostpaidSessions } from '../modules/invoices/invoices.fixtures.ts';
import { runInvoices } from '../modules/invoices/invoices.usecases.ts';
import { createTestContext, login, type Session, type TestContext } from './app.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Operation { path: string; method: Method; bodyProps: string[]; params: string[] }

// Which kind of id a path parameter carries, by the path's first segment under /api.
const RESOURCE: Record<string, string> = {
  sites: 'site', units: 'unit', people: 'person', occupancies: 'occupancy', parties: 'party', staff: 'user',
  'api-tokens': 'apiToken', invitations: 'invitation', 'access-requests': 'accessRequest',
  wallets: 'person', 'refund-requests': 'refundRequest', 'payout-batches': 'payoutBatch', fees: 'fee',
  credentials: 'credential', 'badge-requests': 'badgeRequest',
  devices: 'device', sessions: 'session', invoices: 'invoice', settlements: 'settlement', meters: 'meter',
  'alarm-rules': 'alarmRule', alarms: 'alarm', locks: 'lock', tickets: 'ticket',
};
// Where the first segment does not say it, the route itself names its resource.
const ROUTE_RESOURCE: Record<string, string> = {
  'GET /api/wallet/card-top-ups/{id}': 'cardPayment',
  'POST /api/bank/entries/{id}/assign': 'bankEntry',
  'POST /api/bank/entries/{id}/return': 'bankEntry',
  'POST /api/me/notifications/{id}/read': 'notification',
};

// Routes left out on purpose, with the reason.
const EXEMPT: Record<string, string> = {
  'POST /api/me/tenant': 'switching to a tenant you do not belong to is refused with 403 auth.no_membership',
  'GET /api/invitations/by-token/{token}': 'takes a secret token, not an id',
  'POST /api/wallet/transfers/{id}/accept': 'resident-only (staff get 403 first); a foreign resident gets 404: wallets.test.ts',
  'POST /api/wallet/transfers/{id}/decline': 'resident-only, as above',
  'POST /api/wallet/transfers/{id}/cancel': 'resident-only, as above',
  'POST /api/wallet/card-top-ups': 'paymentId is a new id the client chooses, not a reference',
  'POST /api/wallet/refund-requests': 'requestId is a new id the client chooses, not a reference',
  'POST /api/wallet/transfers': 'id is new; the receiver is named by customer number, looked up in the tenant',
  'POST /api/me/fees/{id}/pay': 'resident-only (staff get 403 first); another tenant\'s or person\'s fee gets 404: fees.test.ts',
  'GET /api/me/fees/{id}/slip.pdf': 'resident-only, as above',
  'GET /api/statements/{personId}/pdf': 'owner statements only (this platform-billed tenant gets 409 first); another tenant\'s person gets 404: statements.test.ts',
  'POST /api/me/invoices/{id}/pay': 'resident-only (staff get 403 first); another tenant\'s or person\'s invoice gets 404: invoices.payments.test.ts',
  'POST /api/me/invoices/{id}/card-payment': 'resident-only (staff get 403 first); another tenant\'s or person\'s invoice gets 404: payments.invoices.test.ts',
  'GET /api/me/invoices/{id}/card-payment/{paymentId}': 'resident-only; a payment under another invoice, person or tenant gets 404: payments.invoices.test.ts',
  'POST /api/me/credentials/{id}/report-lost': 'resident-only (staff get 403 first); another tenant\'s or person\'s badge gets 404: credentials.own.test.ts',
  'POST /api/me/credentials/{id}/revoke': 'resident-only, as above',
  'POST /api/me/appliances/{id}/start': 'resident-only (staff get 403 first); an appliance outside the resident\'s buildings gets 404: sessions.portal.test.ts',
  'GET /api/me/sessions/{id}': 'resident-only; another tenant\'s or person\'s session gets 404: sessions.portal.test.ts',
  'POST /api/me/sessions/{id}/stop': 'resident-only, as above',
  'POST /api/me/appliances/{id}/reserve': 'resident-only; an appliance outside the resident\'s buildings gets 404: sessions.portal.test.ts',
  'POST /api/me/reservations/{reservationId}/cancel': 'resident-only; another person\'s reservation gets 404: sessions.portal.test.ts',
  'POST /api/me/badge-requests/{id}/cancel': 'resident-only; another person\'s request gets 404: credentials.requests.test.ts',
  'POST /api/tickets/{id}/assign': 'a user outside the tenant in the body is refused with 422 tickets.assignee_invalid (the API contract); another tenant\'s ticket gets 404: tickets.test.ts',
  'POST /api/tickets/{id}/approval': 'as above, for electricianUserId',
};
const isOperatorRoute = (path: string) => path.startsWith('/api/operator/');

let ctx: TestContext;
let heimbau: Session;
let operations: Operation[];
const foreign: Record<string, string> = {};
const own: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  heimbau = await login(ctx.app, 'manager@demo.test');
  const regie = await login(ctx.app, 'regie@demo.test');

  foreign.site = (await regie.request('GET', '/api/sites')).body[0].id;
  foreign.unit = (await regie.request('GET', `/api/sites/${foreign.site}/units`)).body[0].id;
  const people = (await regie.request('GET', '/api/people')).body;
  foreign.person = people[0].id;
  foreign.occupancy = (await regie.request('GET', `/api/people/${foreign.person}`)).body.occupancies[0].id;
  foreign.party = (await regie.request('POST', '/api/parties', { kind: 'organisation', name: 'Conciergerie SA' })).body.id;
  foreign.apiToken = (await regie.request('POST', '/api/api-tokens', { name: 'ERP', scopes: ['sites:read'] })).body.id;
  foreign.user = (await regie.request('GET', '/api/staff')).body[0].userId;
  foreign.invitation = (await regie.request('POST', '/api/invitations', { email: 'new@regie.test', role: 'manager_staff' })).body.id;
  foreign.accessRequest = await asPlatform(ctx.deps.db, async (tx) => (await tx.insertInto('access_requests')
    .values({ tenant_id: (await tx.selectFrom('people').select('tenant_id').where('id', '=', foreign.person!).executeTakeFirstOrThrow()).tenant_id,
      person_id: foreign.person!, email: 'x@regie.test', decided_by: null, decided_at: null })
    .returning('id').executeTakeFirstOrThrow()).id);
  await moneyResources(regie, 'regielac-camt053-v08.xml', 'resident.ch@demo.test', foreign);
  await badgeResources(regie, 'resident.ch@demo.test', foreign);
  foreign.device = (await regie.request('POST', '/api/devices', { identity: `ISO-${randomUUID().slice(0, 8)}`, kind: 'charger', siteId: foreign.site, name: 'Borne 1' })).body.device.id;
  foreign.tariff = (await regie.request('GET', `/api/sites/${foreign.site}/tariffs`)).body[0].id;
  foreign.session = await asPlatform(ctx.deps.db, async (tx) => {
    const device = await tx.selectFrom('devices').select(['tenant_id', 'id']).where('id', '=', foreign.device!).executeTakeFirstOrThrow();
    const appliance = await tx.insertInto('appliances').values({ tenant_id: device.tenant_id, device_id: device.id, connector_id: 1, kind: 'ev_connector', metering: 'energy', name: 'EV' } as never)
      .returning('id').executeTakeFirstOrThrow();
    return (await tx.insertInto('usage_sessions').values({
      tenant_id: device.tenant_id, device_id: device.id, appliance_id: appliance.id, connector_id: 1, id_tag: 'AB12CD34', status: 'active', billing: 'prepaid',
      metering: 'energy', unit_price_minor: 45, session_fee_minor: 0, vat_rate_bp: 810, currency: 'CHF',
    } as never).returning('id').executeTakeFirstOrThrow()).id;
  });
  foreign.lock = await regieLock(regie, foreign.party!);
  foreign.invoice = await invoiceOf(foreign.person!);
  foreign.settlement = await settlementOf('regielac');
  foreign.meter = (await regie.request('POST', '/api/meters', { siteId: foreign.site, name: 'Chaleur', serial: `ISO-${randomUUID().slice(0, 8)}`, medium: 'heat', unit: 'kWh', kind: 'register' })).body.id;
  foreign.alarmRule = (await regie.request('POST', '/api/alarm-rules', { kind: 'missing_data', name: 'Silence', meterId: foreign.meter, missingHours: 1, channel: 'portal' })).body.id;
  foreign.alarm = await asPlatform(ctx.deps.db, async (tx) => {
    const rule = await tx.selectFrom('alarm_rules').select(['tenant_id', 'created_by']).where('id', '=', foreign.alarmRule!).executeTakeFirstOrThrow();
    const alarm = await tx.insertInto('alarms').values({ tenant_id: rule.tenant_id, rule_id: foreign.alarmRule!, raised_at: new Date(), cleared_at: null, observed: 2, detail: null, acknowledged_at: null, acknowledged_by: null })
      .returning('id').executeTakeFirstOrThrow();
    return alarm.id;
  });
  foreign.notification = await asPlatform(ctx.deps.db, async (tx) => {
    const rule = await tx.selectFrom('alarm_rules').select(['tenant_id', 'created_by']).where('id', '=', foreign.alarmRule!).executeTakeFirstOrThrow();
    return (await tx.insertInto('notifications').values({ tenant_id: rule.tenant_id, user_id: rule.created_by, kind: 'alarm', title: 'x', body: 'x', link: null, read_at: null })
      .returning('id').executeTakeFirstOrThrow()).id;
  });
  foreign.ticket = (await regie.request('POST', '/api/tickets', { clientId: randomUUID(), category: 'other', subject: 'Ascenseur', body: 'En panne' })).body.id;
  expect(Object.values(foreign).every((id) => /^[0-9a-f-]{36}$/.test(id)), JSON.stringify(foreign)).toBe(true);

  own.site = (await heimbau.request('GET', '/api/sites')).body[0].id;
  own.unit = (await heimbau.request('GET', `/api/sites/${own.site}/units`)).body[0].id;
  own.person = (await heimbau.request('GET', '/api/people')).body[0].id;
  own.party = (await heimbau.request('POST', '/api/parties', { kind: 'organisation', name: 'Hausbetreuung' })).body.id;
  const sabine = (await heimbau.request('GET', '/api/staff')).body.find((s: { email: string }) => s.email === 'staff@demo.test');
  own.technician = (await heimbau.request('PATCH', `/api/staff/${sabine.userId}`, { role: 'technician' })).body.userId;
  own.bankEntry = (await importStatement(heimbau, 'heimbau-camt053-v02.xml'))[0]!.id;
  const operator = await login(ctx.app, 'operator@demo.test');
  for (const product of ['management_5y', 'organisation_management'] as const) {
    own[product] = (await operator.request('POST', '/api/operator/prepaid-code-batches', { product, quantity: 1 })).body.codes[0];
  }
  own.lock = (await heimbau.request('GET', '/api/locks')).body.find((l: { serial: string }) => l.serial === 'FLX-1002').id;
  own.device = (await heimbau.request('POST', '/api/devices', { identity: `ISO-${randomUUID().slice(0, 8)}`, kind: 'laundry_terminal', siteId: own.site, name: 'Terminal' })).body.device.id;

  const doc = ctx.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({
    path, method: method.toUpperCase() as Method,
    params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    bodyProps: Object.keys(op.requestBody?.content['application/json']?.schema.properties ?? {}),
  })));
});
afterAll(async () => { await ctx.close(); });

/** An invoice for a person's postpaid charge (issued as if their tenant were billed by the platform). */
async function invoiceOf(personId: string): Promise<string> {
  const tenantId = (await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select('tenant_id').where('id', '=', personId).executeTakeFirstOrThrow())).tenant_id;
  const mode = await ctx.handle.asOwner(async (owner) => (await owner.selectFrom('tenants').select('operating_mode').where('id', '=', tenantId).executeTakeFirstOrThrow()).operating_mode);
  await ctx.handle.asOwner((owner) => owner.updateTable('tenants').set({ operating_mode: 'platform_billing' }).where('id', '=', tenantId).execute());
  try {
    await addPostpaidSessions(ctx.deps.db, tenantId, await addPostpaidCharger(ctx.deps.db, tenantId), [{ personId, wh: 1000, amountMinor: 45, stoppedAt: new Date('2026-01-10T10:00:00Z') }]);
    await runInvoices(ctx.deps, tenantId, '2026-01');
    return (await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('invoices').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow())).id;
  } finally {
    await ctx.handle.asOwner((owner) => owner.updateTable('tenants').set({ operating_mode: mode }).where('id', '=', tenantId).execute());
  }
}

/** A lock of Régie du Lac's, registered from the operator's stock for one of its parties. */
async function regieLock(regie: Session, partyId: string): Promise<string> {
  const operator = await login(ctx.app, 'operator@demo.test');
  const serial = `ISO-${randomUUID().slice(0, 8).toUpperCase()}`;
  await operator.request('POST', '/api/operator/lock-hardware', { locks: [{ serial, secret: 'secret-of-the-lock' }] });
  return (await regie.request('POST', '/api/locks', { serial, secret: 'secret-of-the-lock', name: 'Porte', ownerId: partyId })).body.id;
}

/** A settlement of 2025 (with nothing to pay) made by the operator for a tenant. */
async function settlementOf(shortCode: string): Promise<string> {
  const operator = await login(ctx.app, 'operator@demo.test');
  const tenant = (await operator.request('GET', '/api/operator/tenants')).body.find((t: { shortCode: string }) => t.shortCode === shortCode);
  await operator.request('PUT', `/api/operator/tenants/${tenant.id}/contract`, {
    period: 'yearly', portalFeeMinor: 12_000, periodSurchargeMinor: 500, pseudonymisedData: false, pseudonymisedDataFeeMinor: 5_000,
    cardFeeBp: 0, cardFeeFixedMinor: 0, accountHolder: 'Régie du Lac SA', iban: 'CH5604835012345678009', bic: null,
  });
  return (await operator.request('POST', `/api/operator/tenants/${tenant.id}/settlements`, { period: '2025' })).body.settlement.id;
}

/** A statement imported by the tenant's staff; returns its entries waiting for review. */
async function importStatement(staff: Session, file: string): Promise<{ id: string }[]> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/bank/statements', payload: fixture(file),
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/xml' } });
  expect(res.statusCode).toBe(201);
  return (await staff.request('GET', '/api/bank/entries?status=review')).body;
}

/** Money records of a tenant: a bank entry, a card payment, a refund request and a payout batch. */
async function moneyResources(staff: Session, file: string, residentEmail: string, into: Record<string, string>) {
  into.bankEntry = (await importStatement(staff, file))[0]!.id;
  const resident = await login(ctx.app, residentEmail);
  into.cardPayment = (await resident.request('POST', '/api/wallet/card-top-ups', { amountMinor: 2000, paymentId: randomUUID() })).body.id;
  const personId = (await resident.request('GET', '/api/wallet')).body.personId;
  await staff.request('POST', `/api/wallets/${personId}/adjustments`, { id: randomUUID(), amountMinor: 5000, reason: 'Barzahlung' });
  into.refundRequest = (await resident.request('POST', '/api/wallet/refund-requests', { requestId: randomUUID(), iban: 'CH5604835012345678009', accountHolder: 'Camille Favre' })).body.id;
  await staff.request('POST', `/api/refund-requests/${into.refundRequest}/approve`, {});
  into.payoutBatch = (await staff.request('POST', '/api/payout-batches', {})).body.id;
  into.fee = (await staff.request('POST', '/api/fees', { id: randomUUID(), personId, items: [{ description: 'Badge', amountMinor: 800 }] })).body.id;
}

/** A credential (a remote fob) and a badge request. */
async function badgeResources(staff: Session, residentEmail: string, into: Record<string, string>) {
  into.credential = (await staff.request('POST', '/api/credentials/fobs', { personId: into.person, serial: 'GARAGE-7001', label: 'Garage 7' })).body.id;
  const resident = await login(ctx.app, residentEmail);
  into.badgeRequest = (await resident.request('POST', '/api/me/badge-requests', { id: randomUUID(), kind: 'additional', purpose: 'laundry' })).body.id;
}

// Bodies that pass validation, so the id check is what answers.
const BODY_FOR_PARAM_ROUTES: Record<string, object> = {
  'PATCH /api/staff/{userId}': { role: 'manager_staff' },
  'PUT /api/staff/{userId}/sites': { siteIds: [] },
  'POST /api/wallets/{personId}/adjustments': { id: randomUUID(), amountMinor: 100, reason: 'Test' },
  'POST /api/wallets/{personId}/fees': { id: randomUUID(), amountMinor: 100, description: 'Test' },
  'POST /api/refund-requests/{id}/reject': { reason: 'Test' },
  'POST /api/bank/entries/{id}/return': { reason: 'Test' },
  'POST /api/bank/entries/{id}/assign': { personId: randomUUID() },
  'POST /api/fees/{id}/cancel': { reason: 'Test' },
  'POST /api/credentials/{id}/block': { reason: 'Test' },
  'POST /api/badge-requests/{id}/reject': { reason: 'Test' },
  'POST /api/people/{id}/building-badges': { uid: '04A1B2C3D4E5F6' },
  'PATCH /api/devices/{id}': { name: 'Test' },
  'POST /api/devices/{id}/appliances': { connectorId: 1, kind: 'ev_connector', metering: 'energy', name: 'Test' },
  'PATCH /api/devices/{id}/appliances/{applianceId}': { name: 'Test' },
  'POST /api/devices/{id}/commands': { action: 'ClearCache', payload: {} },
  'POST /api/sites/{id}/tariffs': { applianceKind: 'washer', metering: 'energy', unitPriceMinor: 50 },
  'POST /api/invoices/{id}/credit-note': { reason: 'Test' },
  'PUT /api/sites/{siteId}/payout-account': { accountHolder: 'Test', iban: 'AT022050302101023600' },
  'PUT /api/alarm-rules/{id}/subscription': { channel: 'portal' },
  'PATCH /api/locks/{id}': { name: 'Test' },
  'POST /api/locks/{id}/keys': { holderName: 'Test', medium: 'fob', identifier: 'TEST-1' },
  'POST /api/tickets/{id}/comments': { body: 'Test' },
  'POST /api/tickets/{id}/status': { status: 'in_progress' },
  'POST /api/meters/{id}/replacement': { at: '2026-11-01T00:00:00Z', finalValue: 1, newSerial: `ISO-${randomUUID().slice(0, 8)}`, initialValue: 0 },
};

// Every route whose body names another entity, called with own ids except for one foreign id.
const bodyCases = () => [
  { route: 'POST /api/units', body: { siteId: foreign.site, kind: 'flat', label: 'Intrus' } },
  { route: 'POST /api/occupancies', body: { unitId: foreign.unit, personId: own.person, relation: 'tenant', startsOn: '2025-01-01' } },
  { route: 'POST /api/occupancies', body: { unitId: own.unit, personId: foreign.person, relation: 'tenant', startsOn: '2025-01-01' } },
  { route: 'POST /api/parties', body: { kind: 'lock_owner', name: 'x', personId: foreign.person } },
  { route: 'PATCH /api/parties/{id}', url: () => `/api/parties/${own.party}`, body: { personId: foreign.person } },
  { route: 'PUT /api/staff/{userId}/sites', url: () => `/api/staff/${own.technician}/sites`, body: { siteIds: [own.site, foreign.site] } },
  { route: 'POST /api/invitations', body: { email: 'someone@x.test', role: 'resident', personId: foreign.person } },
  { route: 'POST /api/invitations', body: { email: 'someone@x.test', role: 'lock_owner', partyId: foreign.party } },
  { route: 'POST /api/bank/entries/{id}/assign', url: () => `/api/bank/entries/${own.bankEntry}/assign`, body: { personId: foreign.person } },
  { route: 'POST /api/fees', body: { id: randomUUID(), personId: foreign.person, items: [{ description: 'Badge', amountMinor: 800 }] } },
  { route: 'POST /api/credentials/orders', body: { personId: foreign.person, fulfil: {} } },
  { route: 'POST /api/credentials/fobs', body: { personId: foreign.person, serial: 'FOB12345' } },
  { route: 'POST /api/devices', body: { identity: `ISO-${randomUUID().slice(0, 8)}`, kind: 'charger', siteId: foreign.site, name: 'x' } },
  { route: 'POST /api/alarm-rules', body: { kind: 'flow', name: 'x', meterId: foreign.meter, threshold: 1, channel: 'portal' } },
  { route: 'POST /api/alarm-rules', body: { kind: 'device_fault', name: 'x', siteId: foreign.site, channel: 'portal' } },
  { route: 'POST /api/meters', body: { siteId: foreign.site, name: 'x', serial: `ISO-${randomUUID().slice(0, 8)}`, medium: 'heat', unit: 'kWh', kind: 'register' } },
  { route: 'POST /api/meters', body: { siteId: own.site, unitId: foreign.unit, name: 'x', serial: `ISO-${randomUUID().slice(0, 8)}`, medium: 'heat', unit: 'kWh', kind: 'register' } },
  { route: 'POST /api/devices', body: { identity: `ISO-${randomUUID().slice(0, 8)}`, kind: 'charger', siteId: own.site, unitId: foreign.unit, name: 'x' } },
  { route: 'PATCH /api/devices/{id}', url: () => `/api/devices/${own.device}`, body: { unitId: foreign.unit } },
  { route: 'POST /api/locks', body: { serial: 'FLX-1004', secret: 'demo-secret-4', name: 'x', ownerId: foreign.party } },
  { route: 'POST /api/locks', body: { serial: 'FLX-1004', secret: 'demo-secret-4', name: 'x', ownerId: own.party, siteId: foreign.site } },
  { route: 'POST /api/locks', body: { serial: 'FLX-1004', secret: 'demo-secret-4', name: 'x', ownerId: own.party, siteId: own.site, unitId: foreign.unit } },
  { route: 'PATCH /api/locks/{id}', url: () => `/api/locks/${own.lock}`, body: { siteId: foreign.site } },
  { route: 'PATCH /api/locks/{id}', url: () => `/api/locks/${own.lock}`, body: { siteId: own.site, unitId: foreign.unit } },
  { route: 'POST /api/locks/{id}/keys', url: () => `/api/locks/${own.lock}/keys`, body: { personId: foreign.person, medium: 'fob', identifier: 'X-1' } },
  { route: 'POST /api/locks/{id}/keys', url: () => `/api/locks/${own.lock}/keys`, body: { organisationId: foreign.party } },
  { route: 'POST /api/locks/{id}/keys', url: () => `/api/locks/${own.lock}/keys`, body: { personId: own.person, medium: 'fob', credentialId: foreign.credential } },
  { route: 'POST /api/lock-account/building-management', body: { partyId: foreign.party } },
  { route: 'POST /api/tickets', body: { clientId: randomUUID(), category: 'other', subject: 'x', body: 'x', personId: foreign.person } },
  { route: 'POST /api/tickets', body: { clientId: randomUUID(), category: 'other', subject: 'x', body: 'x', siteId: foreign.site } },
  { route: 'POST /api/tickets', body: { clientId: randomUUID(), category: 'other', subject: 'x', body: 'x', unitId: foreign.unit } },
  // Good unused codes, so the lock or party named is what is refused (a refusal leaves the code unused).
  { route: 'POST /api/prepaid-codes/redeem', body: { code: own.management_5y, lockId: foreign.lock } },
  { route: 'POST /api/prepaid-codes/redeem', body: { code: own.organisation_management, partyId: foreign.party } },
  // connectorId is a number on the device, not an entity: the device in the path is what must be found.
  { route: 'POST /api/devices/{id}/appliances', url: () => `/api/devices/${foreign.device}/appliances`, body: { connectorId: 1, kind: 'ev_connector', metering: 'energy', name: 'x' } },
  { route: 'PATCH /api/devices/{id}/appliances/{applianceId}', url: () => `/api/devices/${foreign.device}/appliances/${foreign.device}`, body: { connectorId: 2 } },
];
/** Fields named like ids that name no row: a VAT identification number is a tax number. */
const NOT_ROW_IDS = new Set(['vatId']);
const idField = (name: string) => /Ids?$/.test(name) && !NOT_ROW_IDS.has(name);

describe('another tenant\'s ids through the API', () => {
  it('answers 404 on every route with an id in its path', async () => {
    const checked: string[] = [];
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      if (op.params.length === 0 || EXEMPT[key] || isOperatorRoute(op.path)) continue;
      const resource = ROUTE_RESOURCE[key] ?? RESOURCE[op.path.split('/')[2]!];
      expect(resource, `${key}: add its resource to RESOURCE`).toBeDefined();
      const url = op.path.replace(/\{[^}]+\}/g, () => foreign[resource!]!);
      const needsBody = op.method !== 'GET' && op.method !== 'DELETE' && op.bodyProps.length > 0;
      const response = await heimbau.request(op.method, url, needsBody ? (BODY_FOR_PARAM_ROUTES[key] ?? {}) : undefined);
      expect({ route: key, status: response.status, code: response.body?.error?.code }).toMatchObject({ route: key, status: 404 });
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThanOrEqual(15);
  });

  it('answers 404 when a body names another tenant\'s site, unit or person', async () => {
    const cases = bodyCases();
    const covered = new Set(cases.map((c) => c.route));
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      if (EXEMPT[key] || isOperatorRoute(op.path)) continue;
      if (op.bodyProps.some(idField)) expect(covered.has(key), `${key} takes ids in its body: add a case`).toBe(true);
    }
    for (const c of cases) {
      const [method, path] = c.route.split(' ') as [Method, string];
      const response = await heimbau.request(method, c.url ? c.url() : path, c.body);
      expect(response.status, `${c.route} ${JSON.stringify(c.body)} → ${JSON.stringify(response.body)}`).toBe(404);
    }
  });

  it('answers 404 for another tenant\'s tariff under an own site', async () => {
    const response = await heimbau.request('DELETE', `/api/sites/${own.site}/tariffs/${foreign.tariff}`);
    expect(response).toMatchObject({ status: 404, body: { error: { code: 'tariffs.not_found' } } });
  });

  it('answers 404 for another tenant\'s site as a filter', async () => {
    expect((await heimbau.request('GET', `/api/people?siteId=${foreign.site}`)).status).toBe(404);
    expect((await heimbau.request('GET', `/api/devices?siteId=${foreign.site}`)).status).toBe(404);
    expect((await heimbau.request('GET', `/api/live/appliances?siteId=${foreign.site}`)).status).toBe(404);
    expect((await heimbau.request('GET', `/api/fees?personId=${foreign.person}`)).status).toBe(404);
    expect((await heimbau.request('GET', `/api/credentials?personId=${foreign.person}`)).status).toBe(404);
  });
});
