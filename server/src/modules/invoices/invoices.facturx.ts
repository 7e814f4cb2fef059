// An invoice as Factur-X / ZUGFeRD XML: the UN/CEFACT Cross Industry Invoice (CII D16B) in the
// EN 16931 profile, which a business customer's accounting reads instead of the PDF it is
// embedded in (invoices.pdf.ts). It carries the invoice as issued: its lines with the amounts as
// printed (VAT rounded per line), VAT per rate, the totals, the payment reference and the
// account to pay to. Elements appear in the order the Factur-X 1.07.3 schema requires
// (facturx.schema/, checked by the tests).
import type { InvoiceLine, InvoiceUnit } from '../../db/schema.ts';
import { vatSummary } from './invoices.amounts.ts';
import type { PrintedInvoice } from './invoices.pdf.ts';

/** The manager as the seller: the bank account's holder and address, with its VAT ID. */
export interface Seller {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string | null;
  iban: string;
  bic: string | null;
}

export const FACTURX_FILENAME = 'factur-x.xml';
/** The profile, as the XML names it and as the PDF's XMP metadata declares it. */
export const FACTURX_GUIDELINE = 'urn:cen.eu:en16931:2017';
export const FACTURX_CONFORMANCE = 'EN 16931';

/** UN/ECE Recommendation 20 codes of our units. */
const UNIT_CODE: Record<InvoiceUnit, string> = { kWh: 'KWH', min: 'MIN', impulse: 'C62', piece: 'H87' };

type Node = { name: string; attributes?: Record<string, string>; children: (Node | string)[] };

const el = (name: string, ...children: (Node | string | null | false)[]): Node =>
  ({ name, children: children.filter((c): c is Node | string => c !== null && c !== false) });
const withAttributes = (node: Node, attributes: Record<string, string>): Node => ({ ...node, attributes });

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function serialize(node: Node, indent = ''): string {
  const attributes = Object.entries(node.attributes ?? {}).map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
  if (node.children.length === 0) return `${indent}<${node.name}${attributes}/>`;
  if (node.children.every((c) => typeof c === 'string')) return `${indent}<${node.name}${attributes}>${escape(node.children.join(''))}</${node.name}>`;
  const inner = node.children.map((c) => (typeof c === 'string' ? `${indent}  ${escape(c)}` : serialize(c, `${indent}  `))).join('\n');
  return `${indent}<${node.name}${attributes}>\n${inner}\n${indent}</${node.name}>`;
}

/** Minor units as a decimal amount: 1234 → "12.34". */
const amount = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
/** Basis points as a percentage: 2000 → "20", 810 → "8.1". */
const percent = (bp: number) => String(bp / 100);
/** YYYY-MM-DD as CII's date format 102: YYYYMMDD. */
const date102 = (iso: string) => withAttributes(el('udt:DateTimeString', iso.slice(0, 10).replace(/-/g, '')), { format: '102' });

function address(a: { postalCode?: string; street?: string; city?: string; country: string; unit?: string | null }): Node {
  return el('ram:PostalTradeAddress',
    a.postalCode ? el('ram:PostcodeCode', a.postalCode) : null,
    a.street ? el('ram:LineOne', a.street) : null,
    a.unit ? el('ram:LineTwo', a.unit) : null,
    a.city ? el('ram:CityName', a.city) : null,
    el('ram:CountryID', a.country));
}

const vatRegistration = (vatId: string) => el('ram:SpecifiedTaxRegistration', withAttributes(el('ram:ID', vatId), { schemeID: 'VA' }));
/** Standard rated, or zero rated for a rate of 0 (EN 16931 allows no standard rate of 0 %). */
const category = (rateBp: number) => (rateBp > 0 ? 'S' : 'Z');

function line(l: InvoiceLine): Node {
  // The price is the line's net amount for its whole quantity (the price's base quantity), so
  // price × quantity ÷ base quantity is the line amount exactly, without a rounded unit price.
  // A line without a quantity (a fee) is one piece.
  const [value, unit] = Number(l.quantity) > 0 ? [l.quantity, UNIT_CODE[l.unit]] : ['1', 'C62'];
  const quantity = (name: string) => withAttributes(el(name, value), { unitCode: unit });
  return el('ram:IncludedSupplyChainTradeLineItem',
    el('ram:AssociatedDocumentLineDocument', el('ram:LineID', String(l.line_no))),
    el('ram:SpecifiedTradeProduct', el('ram:Name', l.description)),
    el('ram:SpecifiedLineTradeAgreement', el('ram:NetPriceProductTradePrice', el('ram:ChargeAmount', amount(l.net_minor)), quantity('ram:BasisQuantity'))),
    el('ram:SpecifiedLineTradeDelivery', quantity('ram:BilledQuantity')),
    el('ram:SpecifiedLineTradeSettlement',
      el('ram:ApplicableTradeTax', el('ram:TypeCode', 'VAT'), el('ram:CategoryCode', category(l.vat_rate_bp)), el('ram:RateApplicablePercent', percent(l.vat_rate_bp))),
      el('ram:SpecifiedTradeSettlementLineMonetarySummation', el('ram:LineTotalAmount', amount(l.net_minor)))));
}

/**
 * The invoice's Factur-X XML (EN 16931). The buyer is the business customer as issued; without
 * an address on file, its country is the seller's (a manager's customers live in its buildings).
 */
export function facturXml(invoice: PrintedInvoice, lines: InvoiceLine[], seller: Seller & { vatId: string }): string {
  const buyer = invoice.buyer;
  const creditNote = invoice.kind === 'credit_note';
  const vat = vatSummary(lines.map((l) => ({ vatRateBp: l.vat_rate_bp, netMinor: l.net_minor, vatMinor: l.vat_minor, grossMinor: l.gross_minor })));
  const document = withAttributes(el('rsm:CrossIndustryInvoice',
    el('rsm:ExchangedDocumentContext', el('ram:GuidelineSpecifiedDocumentContextParameter', el('ram:ID', FACTURX_GUIDELINE))),
    el('rsm:ExchangedDocument',
      el('ram:ID', invoice.number),
      el('ram:TypeCode', creditNote ? '381' : '380'),
      el('ram:IssueDateTime', date102(new Date(invoice.issued_at).toISOString())),
      invoice.reason ? el('ram:IncludedNote', el('ram:Content', invoice.reason)) : null),
    el('rsm:SupplyChainTradeTransaction',
      ...lines.map(line),
      el('ram:ApplicableHeaderTradeAgreement',
        el('ram:SellerTradeParty', el('ram:Name', seller.name), address(seller), vatRegistration(seller.vatId)),
        el('ram:BuyerTradeParty',
          el('ram:ID', buyer.customerNumber),
          el('ram:Name', buyer.company ?? buyer.name),
          buyer.company ? el('ram:DefinedTradeContact', el('ram:PersonName', buyer.name)) : null,
          address(buyer.address ?? { country: seller.country }),
          buyer.vatId ? vatRegistration(buyer.vatId) : null)),
      el('ram:ApplicableHeaderTradeDelivery'),
      el('ram:ApplicableHeaderTradeSettlement',
        el('ram:PaymentReference', invoice.reference),
        el('ram:InvoiceCurrencyCode', invoice.currency),
        // A credit note is paid back, not paid to this account.
        creditNote ? null : el('ram:SpecifiedTradeSettlementPaymentMeans',
          el('ram:TypeCode', invoice.currency === 'EUR' ? '58' : '30'),
          el('ram:PayeePartyCreditorFinancialAccount', el('ram:IBANID', seller.iban)),
          seller.bic ? el('ram:PayeeSpecifiedCreditorFinancialInstitution', el('ram:BICID', seller.bic)) : null),
        ...vat.map((row) => el('ram:ApplicableTradeTax',
          el('ram:CalculatedAmount', amount(row.vatMinor)),
          el('ram:TypeCode', 'VAT'),
          el('ram:BasisAmount', amount(row.netMinor)),
          el('ram:CategoryCode', category(row.vatRateBp)),
          el('ram:RateApplicablePercent', percent(row.vatRateBp)))),
        creditNote ? null : el('ram:SpecifiedTradePaymentTerms', el('ram:DueDateDateTime', date102(invoice.due_on))),
        el('ram:SpecifiedTradeSettlementHeaderMonetarySummation',
          el('ram:LineTotalAmount', amount(invoice.net_minor)),
          el('ram:TaxBasisTotalAmount', amount(invoice.net_minor)),
          withAttributes(el('ram:TaxTotalAmount', amount(invoice.vat_minor)), { currencyID: invoice.currency }),
          el('ram:GrandTotalAmount', amount(invoice.gross_minor)),
          el('ram:DuePayableAmount', amount(invoice.gross_minor))))),
  ), {
    'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
    'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
    'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
    'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(document)}\n`;
}
