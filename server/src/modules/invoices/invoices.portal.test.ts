import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asPlatform, inTenant } from '../../db/scope.ts';
import { createTestContext, login, type Session, type TestContext } from '../../test/app.ts';
import { pdfPages, pdfQrCode } from '../../test/pdf.ts';
import { isValidQrReference } from '../banking/references.ts';
import { addPostpaidCharger, addPostpaidSessions } from './invoices.fixtures.ts';
import { runInvoices } from './invoices.usecases.ts';

let ctx: TestContext;
let anna: Session;
let manager: Session;
let regie: Session;
let heimbauId: string;
const person: Record<string, string> = {};
let run: Awaited<ReturnType<typeof runInvoices>>;

beforeAll(async () => {
  ctx = await createTestContext();
  [anna, manager, regie] = await Promise.all([login(ctx.app, 'resident@demo.test'), login(ctx.app, 'manager@demo.test'), login(ctx.app, 'regie@demo.test')]);
  heimbauId = (await manager.request('GET', '/api/tenant')).body.id;
  for (const row of await asPlatform(ctx.deps.db, (tx) => tx.selectFrom('people').select(['id', 'customer_number']).execute())) person[row.customer_number] = row.id;
  const charger = await addPostpaidCharger(ctx.deps.db, heimbauId);
  await addPostpaidSessions(ctx.deps.db, heimbauId, charger, [
    { personId: person['HEIMBAU-10001']!, wh: 20_000, amountMinor: 800, stoppedAt: new Date('2026-10-03T12:00:00Z') },
    { personId: person['HEIMBAU-10001']!, wh: 9_857, amountMinor: 355, stoppedAt: new Date('2026-10-17T08:30:00Z') },
    { personId: person['HEIMBAU-10004']!, wh: 12_500, amountMinor: 438, stoppedAt: new Date('2026-10-05T19:00:00Z') },
    { personId: person['HEIMBAU-10003']!, wh: 1_000, amountMinor: 35, stoppedAt: new Date('2026-10-06T19:00:00Z') },
  ]);
  run = await runInvoices(ctx.deps, heimbauId, '2026-10');
});
afterAll(async () => { await ctx?.close(); });

const pdfOf = async (session: Session, id: string) => {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/invoices/${id}/pdf`, headers: { cookie: session.cookie } });
  return { status: response.statusCode, type: response.headers['content-type'], pdf: response.rawPayload };
};

describe('delivering a run', () => {
  it('e-mails each resident their invoice as a PDF in their language, and marks the one without an address for post', async () => {
    expect(run.delivery).toEqual({ emailed: 2, withoutEmail: 1 });
    const anna = ctx.mails.find((m) => m.to === 'resident@demo.test' && m.subject.startsWith('Ihre Rechnung'))!;
    const [own] = (await login(ctx.app, 'resident@demo.test').then((s) => s.request('GET', '/api/me/invoices'))).body;
    expect(anna.subject).toBe(`Ihre Rechnung ${own.number} von Heimbau`);
    const due = new Intl.DateTimeFormat('de', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${own.dueOn}T00:00:00Z`));
    const amount = new Intl.NumberFormat('de', { style: 'currency', currency: 'EUR' }).format(11.55);
    expect(anna.text).toContain(`Rechnung ${own.number} für Oktober 2026: ${amount}, fällig am ${due}.`);
    expect(anna.text).toContain(`/invoices/${own.id}`);
    const [pdf] = anna.attachments!;
    expect(pdf).toMatchObject({ filename: `invoice-${own.number}.pdf`, contentType: 'application/pdf' });
    expect((await pdfPages(pdf!.content))[0]).toContain(`Rechnung ${own.number}`);
    const invoices = (await manager.request('GET', '/api/invoices')).body as { id: string; number: string; customerNumber: string }[];
    const tomasz = ctx.mails.find((m) => m.to === 'tomasz.nowak@demo.test')!;
    expect(tomasz.subject).toBe(`Twoja faktura ${invoices.find((i) => i.customerNumber === 'HEIMBAU-10004')!.number} od Heimbau`);
    const marie = invoices.find((i) => i.customerNumber === 'HEIMBAU-10003')!;
    expect(await inTenant(ctx.deps.db, heimbauId, (tx) => tx.selectFrom('invoices').select('delivery').where('id', '=', marie.id).executeTakeFirstOrThrow())).toEqual({ delivery: 'none' });
    // Run again: nothing issued, nothing sent twice.
    const again = await runInvoices(ctx.deps, heimbauId, '2026-10');
    expect(again).toMatchObject({ alreadyFinished: true, issued: 0, delivery: { emailed: 0, withoutEmail: 0 } });
  });
});

describe('invoices in the portal', () => {
  it('shows a resident their own invoices with what is due, and nobody else\'s', async () => {
    const own = await anna.request('GET', '/api/me/invoices');
    expect(own.status).toBe(200);
    expect(own.body).toHaveLength(1);
    // Residents are invoiced a few at a time, so numbers follow the order the invoices commit in.
    expect(own.body[0].number).toMatch(/^2026-00000[1-3]$/);
    expect(own.body[0]).toMatchObject({ customerNumber: 'HEIMBAU-10001', grossMinor: 1155, vatMinor: 192, amountDueMinor: 1155, status: 'open', overdue: false });
    const detail = await anna.request('GET', `/api/invoices/${own.body[0].id}`);
    expect(detail.body.lines.map((l: { quantity: string; grossMinor: number }) => [l.quantity, l.grossMinor])).toEqual([['20.000', 800], ['9.857', 355]]);
    expect(detail.body.vat).toEqual([{ vatRateBp: 2000, netMinor: 963, vatMinor: 192, grossMinor: 1155 }]);
    // The invoice is in her notification centre too, in German, leading to it.
    const told = (await anna.request('GET', '/api/me/notifications')).body.notifications.filter((n: { kind: string }) => n.kind === 'invoice');
    expect(told).toEqual([expect.objectContaining({ title: `Rechnung ${own.body[0].number}`, link: `/invoices/${own.body[0].id}` })]);
    expect(told[0].body).toMatch(/^11,55\s€, fällig am /);

    const all = (await manager.request('GET', '/api/invoices')).body;
    expect(all.map((i: { number: string }) => i.number).sort()).toEqual(['2026-000001', '2026-000002', '2026-000003']);
    const tomasz = all.find((i: { customerNumber: string }) => i.customerNumber === 'HEIMBAU-10004');
    // Another resident's invoice, or another tenant's, does not exist for them.
    expect((await anna.request('GET', `/api/invoices/${tomasz.id}`)).status).toBe(404);
    expect((await pdfOf(anna, tomasz.id)).status).toBe(404);
    expect((await regie.request('GET', `/api/invoices/${tomasz.id}`)).status).toBe(404);
    expect((await anna.request('GET', '/api/invoices')).status).toBe(403);
  });

  it('prints a German invoice with its lines, VAT and an EPC QR code for the amount and reference', async () => {
    const [invoice] = (await anna.request('GET', '/api/me/invoices')).body;
    const { status, type, pdf } = await pdfOf(anna, invoice.id);
    expect(status).toBe(200);
    expect(type).toBe('application/pdf');
    const [page] = await pdfPages(pdf);
    expect(page).toContain(`Rechnung ${invoice.number}`);
    expect(page).toContain('Laden (Elektrofahrzeug), Garage');
    expect(page).toContain('20,000 kWh');
    expect(page).toContain('MwSt. 20 % auf 9,63 €');
    expect(page).toContain('11,55 €');
    expect(page).toContain('Die Preise enthalten die Mehrwertsteuer.');
    expect(page).toContain(invoice.referenceFormatted);
    const payload = (await pdfQrCode(pdf))!.split('\n');
    expect(payload.slice(0, 4)).toEqual(['BCD', '002', '1', 'SCT']);
    expect(payload[6]).toBe('AT611904300234573201');
    expect(payload[7]).toBe('EUR11.55');
    expect(payload[9]).toBe(invoice.reference);
  });

  it('prints a Polish resident\'s invoice in Polish', async () => {
    const tomasz = (await manager.request('GET', '/api/invoices')).body.find((i: { customerNumber: string }) => i.customerNumber === 'HEIMBAU-10004');
    const [page] = await pdfPages((await pdfOf(manager, tomasz.id)).pdf);
    expect(page).toContain(`Faktura ${tomasz.number}`);
    expect(page).toContain('Ładowanie (samochód elektryczny)');
    expect(page).toContain('Prosimy o wpłatę');
    expect((await pdfQrCode((await pdfOf(manager, tomasz.id)).pdf))!.split('\n')[7]).toBe('EUR4.38');
  });

  it('prints a Swiss QR-bill with the QR reference and the amount for a franc invoice', async () => {
    const regieId = (await regie.request('GET', '/api/tenant')).body.id;
    await ctx.handle.asOwner((owner) => sql`UPDATE tenants SET operating_mode = 'platform_billing' WHERE id = ${regieId}`.execute(owner));
    const charger = await addPostpaidCharger(ctx.deps.db, regieId);
    await addPostpaidSessions(ctx.deps.db, regieId, charger, [{ personId: person['REGIELAC-10001']!, wh: 7_000, amountMinor: 1_250, stoppedAt: new Date('2026-10-08T10:00:00Z'), vatRateBp: 810 }]);
    expect((await runInvoices(ctx.deps, regieId, '2026-10')).issued).toBe(1);
    const camille = await login(ctx.app, 'resident.ch@demo.test');
    const [invoice] = (await camille.request('GET', '/api/me/invoices')).body;
    expect(invoice).toMatchObject({ currency: 'CHF', grossMinor: 1250, vatMinor: 94 });
    expect(isValidQrReference(invoice.reference)).toBe(true);
    const { pdf } = await pdfOf(camille, invoice.id);
    const text = (await pdfPages(pdf)).join(' ');
    expect(text).toContain('Facture 2026-000001');
    expect(text).toContain('Récépissé');
    const payload = (await pdfQrCode(pdf, (await pdfPages(pdf)).length))!.split('\n');
    expect(payload.slice(0, 3)).toEqual(['SPC', '0200', '1']);
    expect(payload[3]).toBe('CH4431999123000889012');
    expect(payload[18]).toBe('12.50');
    expect(payload[19]).toBe('CHF');
    expect(payload.slice(27, 29)).toEqual(['QRR', invoice.reference]);
  });

  it('moves invoices older than 12 months to the archive', async () => {
    ctx.clock.advance(400 * 86_400_000);
    try {
      const anna = await login(ctx.app, 'resident@demo.test');
      expect((await anna.request('GET', '/api/me/invoices')).body).toEqual([]);
      const archive = await anna.request('GET', '/api/me/invoices?archive=true');
      expect(archive.body.map((i: { customerNumber: string }) => i.customerNumber)).toEqual(['HEIMBAU-10001']);
      expect(archive.body[0].overdue).toBe(true);
      expect((await anna.request('GET', '/api/me/invoices?archive=maybe')).status).toBe(400);
    } finally {
      ctx.clock.advance(-400 * 86_400_000);
    }
  });
});
