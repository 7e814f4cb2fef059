// Owner statements: for a property manager that bills its residents itself ("owner statements"
// mode), the platform collects nothing for postpaid consumption and says instead, per resident
// and month, what they consumed and what it costs at the frozen tariffs, with VAT per line as an
// invoice would have it (docs/billing.md, "Owner statements"). Derived from the sessions whenever
// asked, so a statement is the same each time: sessions that ended in the month, in the manager's
// time zone. As a PDF per resident in their language, and as one CSV for the owner's billing.
import type { Deps } from '../../deps.ts';
import { inTenant } from '../../db/scope.ts';
import type { Currency, Language } from '../../db/schema.ts';
import type { TenantActor } from '../../http/actor.ts';
import { lineAmounts, parsePeriod, totals, type LineAmounts } from '../invoices/invoices.amounts.ts';
import { describeCharge, printedQuantity, UNIT } from '../invoices/invoices.lines.ts';
import { timeZoneOf } from '../tenancy/countries.ts';
import { invalidMonth, personNotFound, platformBilling } from './statements.errors.ts';
import { authorize, statementPolicy } from './statements.policies.ts';
import * as repo from './statements.repository.ts';

export interface StatementLine extends LineAmounts {
  sessionId: string;
  stoppedAt: Date;
  description: string;
  quantity: string;
  unit: string;
  vatRateBp: number;
}

export interface Statement extends LineAmounts {
  personId: string;
  customerNumber: string;
  name: string;
  language: Language;
  lines: StatementLine[];
}

export interface MonthStatements {
  period: string;
  owner: string;
  currency: Currency;
  pricesIncludeVat: boolean;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  statements: Statement[];
}

async function month(deps: Pick<Deps, 'db'>, actor: TenantActor, period: string, personId?: string): Promise<MonthStatements> {
  authorize(statementPolicy.read(actor));
  if (!parsePeriod(period)) throw invalidMonth();
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const tenant = await repo.tenantFacts(tx, actor.tenantId);
    if (tenant.operating_mode !== 'owner_statements') throw platformBilling();
    if (personId && !(await repo.personIn(tx, actor.tenantId, personId))) throw personNotFound();
    const timeZone = timeZoneOf(tenant.country);
    const { starts_at, ends_at } = await repo.monthBounds(tx, period, timeZone);
    const pricesIncludeVat = tenant.prices_include_vat ?? true;
    const statements = new Map<string, Statement>();
    for (const s of await repo.postpaidSessions(tx, actor.tenantId, starts_at, ends_at, personId)) {
      const person = s.person_id!;
      let statement = statements.get(person);
      if (!statement) {
        statement = { personId: person, customerNumber: s.customer_number, name: `${s.first_name} ${s.last_name}`, language: s.language, lines: [], netMinor: 0, vatMinor: 0, grossMinor: 0 };
        statements.set(person, statement);
      }
      statement.lines.push({
        sessionId: s.id, stoppedAt: new Date(s.stopped_at), description: describeCharge(s.language, s.appliance_kind, s.site_name, new Date(s.stopped_at), timeZone),
        quantity: printedQuantity(s.metering, Number(s.quantity)), unit: UNIT[s.metering], vatRateBp: s.vat_rate_bp,
        ...lineAmounts(Number(s.amount_minor), s.vat_rate_bp, pricesIncludeVat),
      });
    }
    for (const statement of statements.values()) Object.assign(statement, totals(statement.lines));
    return { period, owner: tenant.name, currency: tenant.currency, pricesIncludeVat, timeZone, startsAt: starts_at, endsAt: ends_at, statements: [...statements.values()] };
  });
}

/** Every resident's statement of the month (residents without consumption have none). */
export const monthStatements = (deps: Pick<Deps, 'db'>, actor: TenantActor, period: string) => month(deps, actor, period);

/** One resident's statement of the month; an empty one when they consumed nothing. */
export async function personStatement(deps: Pick<Deps, 'db'>, actor: TenantActor, period: string, personId: string) {
  const all = await month(deps, actor, period, personId);
  const person = await inTenant(deps.db, actor.tenantId, (tx) => repo.personIn(tx, actor.tenantId, personId));
  const statement = all.statements[0] ?? {
    personId, customerNumber: person!.customer_number, name: `${person!.first_name} ${person!.last_name}`, language: person!.language, lines: [], netMinor: 0, vatMinor: 0, grossMinor: 0,
  };
  return { month: all, statement };
}

const decimal = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
const csvField = (value: string) => (/[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The month as CSV, a line per charge: what an owner's billing software imports. */
export function statementsCsv(all: MonthStatements): string {
  const header = ['period', 'customer_number', 'name', 'ended_at', 'description', 'quantity', 'unit', 'vat_rate_percent', 'net', 'vat', 'gross', 'currency', 'session_id'];
  const rows = all.statements.flatMap((s) => s.lines.map((l) => [
    all.period, s.customerNumber, s.name, l.stoppedAt.toISOString(), l.description, l.quantity, l.unit, (l.vatRateBp / 100).toFixed(2),
    decimal(l.netMinor), decimal(l.vatMinor), decimal(l.grossMinor), all.currency, l.sessionId,
  ]));
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
