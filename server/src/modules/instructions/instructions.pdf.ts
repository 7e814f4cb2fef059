// The instructions as a PDF: one A4 page per language, to hang in the room. The steps are the
// product's real flow (docs/protocol.md, "Sessions step by step" and the terminal's refusal
// messages); prices are the tariffs in force; the QR code opens the portal's login.
import QRCode from 'qrcode';
import type { ApplianceKind, ChargingBilling, Currency, Language, Metering } from '../../db/schema.ts';
import { renderPdf } from '../../pdf/render.ts';
import { instructionTexts, type InstructionTexts } from './instructions.texts.ts';

export interface PrintedRoom {
  kind: 'laundry_room' | 'garage';
  room: string;
  site: string;
  address: string;
  /** The tenant's code, as printed in badge labels (ID*heimbau*1234). */
  tenantCode: string;
  currency: Currency;
  prices: { applianceKind: ApplianceKind; metering: Metering; unitPriceMinor: number; sessionFeeMinor: number }[];
  /** How the room's appliances are metered: decides which automatic ends apply. */
  meterings: Metering[];
  idleEndMinutes: number;
  impulseEndMinutes: number;
  charging: { billing: ChargingBilling; minBalanceMinor: number } | null;
  bank: { name: string; iban: string } | null;
  contact: string[];
  portalUrl: string;
}

const LEFT = 50;
const WIDTH = 495;
const QR_SIZE = 110;

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
const groupedIban = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();

/** Each language's paragraphs, grouped under their headings. */
function sections(room: PrintedRoom, t: InstructionTexts, language: Language): [string, string[]][] {
  // The built-in narrow spaces of some locales are printed as plain no-break spaces.
  const moneyFormat = new Intl.NumberFormat(language, { style: 'currency', currency: room.currency });
  const money = (minor: number) => moneyFormat.format(minor / 100).replace(/[\u202f\u2009]/g, '\u00a0');
  const minutes = (n: number) => ({ minutes: String(n) });

  const steps: [string, string[]][] = room.kind === 'laundry_room'
    ? [
      [t.identify_title, [t.identify]],
      [t.start_title, [t.laundry_choose, t.laundry_preselect, t.laundry_ok]],
      [t.end_title, [
        t.end_user,
        ...(room.meterings.includes('energy') ? [fill(t.end_energy, minutes(room.idleEndMinutes))] : []),
        ...(room.meterings.includes('time') ? [t.end_time] : []),
        ...(room.meterings.includes('impulse') ? [fill(t.end_impulse, minutes(room.impulseEndMinutes))] : []),
      ]],
    ]
    : [
      [t.start_title, [t.garage_plug, t.garage_tap, t.garage_charging,
        room.charging?.billing === 'postpaid' ? t.garage_postpaid : fill(t.garage_prepaid, { amount: money(room.charging?.minBalanceMinor ?? 0) })]],
      [t.end_title, [t.garage_unplug]],
    ];
  const topUp: [string, string[]] = [t.topup_title, [
    t.topup_card,
    fill(t.topup_bank, { code: room.tenantCode }) + (room.bank ? ` ${fill(t.topup_bank_account, { name: room.bank.name, iban: groupedIban(room.bank.iban) })}` : ''),
    ...(room.kind === 'laundry_room' ? [t.topup_nfc, t.transfer] : []),
  ]];
  const prices: [string, string[]][] = room.prices.length === 0 ? [] : [[t.prices_title, room.prices.map((p) => {
    const line = fill(t.price_line, { appliance: t[`appliance_${p.applianceKind}`], price: money(p.unitPriceMinor), unit: t[`unit_${p.metering}`] });
    return p.sessionFeeMinor > 0 ? fill(t.price_fee, { line, fee: money(p.sessionFeeMinor) }) : line;
  })]];
  const messages: [string, string[]][] = room.kind === 'laundry_room' ? [[t.messages_title, [
    t.msg_authorization_error, t.msg_balance_too_low, t.msg_busy, t.msg_not_found, t.msg_appliance_fault, t.msg_offline, t.msg_badge_not_supported,
  ]]] : [];
  return [...steps, topUp, ...prices, ...messages, [t.contact_title, room.contact]];
}

export async function renderInstructionsPdf(room: PrintedRoom, languages: Language[]): Promise<Buffer> {
  // Medium error correction: the notice may get scratched or dirty.
  const qrCode = await QRCode.toDataURL(room.portalUrl, { errorCorrectionLevel: 'M', margin: 4, width: 440 });
  return renderPdf((doc) => {
    languages.forEach((language, index) => {
      const t = instructionTexts(language);
      if (index > 0) doc.addPage();
      doc.image(qrCode, LEFT + WIDTH - QR_SIZE, 40, { width: QR_SIZE });
      doc.font('regular').fontSize(7).text(room.portalUrl, LEFT + WIDTH - QR_SIZE, 40 + QR_SIZE, { width: QR_SIZE, align: 'center' });
      const headWidth = WIDTH - QR_SIZE - 15;
      doc.font('bold').fontSize(18).text(room.kind === 'laundry_room' ? t.title_laundry_room : t.title_garage, LEFT, 50, { width: headWidth });
      doc.font('bold').fontSize(12).text(room.room, LEFT, doc.y + 6, { width: headWidth });
      doc.font('regular').fontSize(10).text(`${room.site} · ${room.address}`, { width: headWidth });
      doc.font('regular').fontSize(8.5).text(`${t.portal_title}: ${t.portal}`, LEFT, doc.y + 4, { width: headWidth });

      let y = Math.max(doc.y, 40 + QR_SIZE + 12) + 10;
      for (const [heading, paragraphs] of sections(room, t, language)) {
        doc.font('bold').fontSize(11).text(heading, LEFT, y, { width: WIDTH });
        for (const paragraph of paragraphs) doc.font('regular').fontSize(9.5).text(`•  ${paragraph}`, LEFT + 8, doc.y + 2, { width: WIDTH - 8 });
        y = doc.y + 9;
      }
    });
  }, { title: `${room.site} – ${room.room}`, language: languages[0] });
}
