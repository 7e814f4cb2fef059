// The badge stock: UID lists imported as CSV (by the operator for any property manager, or by a
// manager for itself), validated as a whole — one bad row and nothing is imported — and the
// lists staff and the operator read. A file is one transaction whatever its size; every check
// is one set-based query, so 10,000 rows cost a handful of statements.
import { asPlatform, inTenant, type Tx } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import type { Actor, TenantActor } from '../../http/actor.ts';
import { recordAuditFor } from '../audit/audit.repository.ts';
import { parseBadgeCsv, type ParsedCsv } from './badgestock.csv.ts';
import { importRaceLost } from './badgestock.errors.ts';
import { authorize, badgeStockPolicy } from './badgestock.policies.ts';
import * as repo from './badgestock.repository.ts';
import { checkRows, problem, type CandidateRow, type Destination, type RowProblem } from './badgestock.rows.ts';
import { announce } from '../credentials/credentials.repository.ts';
import { isUniqueViolation } from '../../db/errors.ts';

export interface ImportInput { fileName: string; text: string }

export interface ImportedInto { importId: string; tenantId: string; shortCode: string; name: string; badgeCount: number }

export type ImportOutcome =
  | { imported: true; rowCount: number; imports: ImportedInto[] }
  /** Refused whole: every bad row with its line, field and why. */
  | { imported: false; rowCount: number; badRows: number; problems: RowProblem[] };

interface Importer { actor: Actor; byOperator: boolean; now: Date; fileName: string }

/** A manager's office imports into its own stock; a manager column, if any, must name itself. */
export function importBadges(deps: Deps, actor: TenantActor, input: ImportInput): Promise<ImportOutcome> {
  authorize(badgeStockPolicy.import(actor));
  const parsed = parseBadgeCsv(input.text, { requireManager: false });
  return inTenant(deps.db, actor.tenantId, async (tx) => {
    const tenant = await repo.tenantById(tx, actor.tenantId);
    const destination: Destination = { kind: 'own', tenantId: tenant.id, shortCode: tenant.short_code };
    return runImport(tx, parsed, destination, { actor, byOperator: false, now: deps.clock.now(), fileName: input.fileName });
  });
}

/** The operator imports a supplier's list and assigns each badge to the manager its row names. */
export function importBadgesAsOperator(deps: Deps, operator: Actor, input: ImportInput): Promise<ImportOutcome> {
  const parsed = parseBadgeCsv(input.text, { requireManager: true });
  const shortCodes = [...new Set(parsed.rows.map((r) => r.manager.trim().toLowerCase()).filter(Boolean))];
  return asPlatform(deps.db, async (tx) => {
    const tenants = await repo.tenantsByShortCode(tx, shortCodes);
    const destination: Destination = { kind: 'by_manager_column', tenantIdByShortCode: new Map(tenants.map((t) => [t.short_code, t.id])) };
    return runImport(tx, parsed, destination, { actor: operator, byOperator: true, now: deps.clock.now(), fileName: input.fileName });
  });
}

async function runImport(tx: Tx, parsed: ParsedCsv, destination: Destination, who: Importer): Promise<ImportOutcome> {
  const { candidates, problems } = checkRows(parsed.rows, parsed.columns.length, destination);
  const tenantIds = [...new Set(candidates.map((c) => c.tenantId).filter((id): id is string => id !== null))];
  await repo.lockStock(tx, tenantIds);
  problems.push(...await alreadyKnown(tx, candidates));
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
    return { imported: false, rowCount: parsed.rows.length, badRows: new Set(problems.map((p) => p.line)).size, problems };
  }

  const imports: ImportedInto[] = [];
  const badges: repo.NewBadge[] = [];
  for (const tenantId of tenantIds) {
    const rows = candidates.filter((c) => c.tenantId === tenantId);
    const importId = await repo.insertImport(tx, {
      tenantId, fileName: who.fileName, badgeCount: rows.length, importedBy: who.actor.via === 'session' ? who.actor.userId : null,
      importedByLabel: who.actor.via === 'session' ? who.actor.email : who.actor.displayName, byOperator: who.byOperator, importedAt: who.now,
    });
    for (const row of rows) badges.push({ tenantId, uid: row.uid!, label: row.label!, importId });
    const tenant = await repo.tenantById(tx, tenantId);
    imports.push({ importId, tenantId, shortCode: tenant.short_code, name: tenant.name, badgeCount: rows.length });
    await recordAuditFor(tx, tenantId, who.actor, {
      action: 'badge_stock.imported', entityType: 'badge_import', entityId: importId,
      after: { fileName: who.fileName, badgeCount: rows.length, byOperator: who.byOperator, firstLabel: rows[0]!.label, lastLabel: rows.at(-1)!.label },
    });
  }
  try {
    await repo.insertStock(tx, badges);
    // A tag a terminal saw as unknown may register now: processes forget what they cached as unknown.
    for (const tenantId of tenantIds) await announce(tx, tenantId, '*');
  } catch (error) {
    // The lock keeps imports apart; a unique violation here means the stock changed some other way.
    if (isUniqueViolation(error)) throw importRaceLost();
    throw error;
  }
  return { imported: true, rowCount: parsed.rows.length, imports };
}

const FIELD_ORDER = ['row', 'manager', 'uid', 'technology', 'label'];

/** UIDs and labels the destination tenant already has: two queries for the whole file. */
async function alreadyKnown(tx: Tx, candidates: CandidateRow[]): Promise<RowProblem[]> {
  const problems: RowProblem[] = [];
  const withUid = candidates.filter((c) => c.tenantId && c.uid);
  const uids = index(await repo.takenUids(tx, withUid.map((c) => ({ tenantId: c.tenantId!, value: c.uid! }))));
  for (const c of withUid) {
    const place = uids.get(`${c.tenantId}:${c.uid}`);
    if (place === 'stock') problems.push(problem(c, 'uid', 'badgestock.uid_in_stock', 'This UID is already in the badge stock of this property manager', c.uid!));
    if (place === 'credential') problems.push(problem(c, 'uid', 'badgestock.uid_issued', 'This UID is already a badge of a person at this property manager', c.uid!));
  }
  const withLabel = candidates.filter((c) => c.tenantId && c.label);
  const labels = index(await repo.takenLabels(tx, withLabel.map((c) => ({ tenantId: c.tenantId!, value: c.label! }))));
  for (const c of withLabel) {
    const place = labels.get(`${c.tenantId}:${c.label}`);
    if (place === 'stock') problems.push(problem(c, 'label', 'badgestock.label_in_stock', 'A badge in stock already carries this label', c.label!));
    if (place === 'credential') problems.push(problem(c, 'label', 'badgestock.label_issued', 'An issued badge already carries this label', c.label!));
  }
  return problems;
}

function index(taken: repo.Taken[]): Map<string, repo.Taken['place']> {
  const map = new Map<string, repo.Taken['place']>();
  // An issued badge says more than a stock entry (it should not be in both; if it is, say so).
  for (const t of taken) if (map.get(`${t.tenant_id}:${t.value}`) !== 'credential') map.set(`${t.tenant_id}:${t.value}`, t.place);
  return map;
}

export const STOCK_PAGE_SIZE = 50;

export function listStock(deps: Deps, actor: TenantActor, query: { search?: string; page?: number }) {
  authorize(badgeStockPolicy.read(actor));
  const page = query.page ?? 1;
  return inTenant(deps.db, actor.tenantId, async (tx) => ({
    page, pageSize: STOCK_PAGE_SIZE,
    ...await repo.listStock(tx, actor.tenantId, { search: query.search, limit: STOCK_PAGE_SIZE, offset: (page - 1) * STOCK_PAGE_SIZE }),
  }));
}

export function listImports(deps: Deps, actor: TenantActor) {
  authorize(badgeStockPolicy.read(actor));
  return inTenant(deps.db, actor.tenantId, (tx) => repo.listImports(tx, actor.tenantId, 200));
}

export function listImportsAsOperator(deps: Deps, _operator: Actor) {
  return asPlatform(deps.db, (tx) => repo.listAllImports(tx, 200));
}

export function crossTenantDuplicates(deps: Deps, _operator: Actor) {
  return asPlatform(deps.db, (tx) => repo.crossTenantDuplicates(tx, 1000));
}
