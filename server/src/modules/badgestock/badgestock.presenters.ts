import type { CredentialRow } from '../credentials/credentials.repository.ts';
import type { DuplicateRow, ImportRow, StockRow } from './badgestock.repository.ts';
import type { ImportOutcome } from './badgestock.usecases.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

export function presentImported(outcome: Extract<ImportOutcome, { imported: true }>) {
  return {
    rowCount: outcome.rowCount,
    imports: outcome.imports.map((i) => ({ id: i.importId, manager: { shortCode: i.shortCode, name: i.name }, badgeCount: i.badgeCount })),
  };
}

export function presentRefused(outcome: Extract<ImportOutcome, { imported: false }>) {
  const { rowCount, badRows, problems } = outcome;
  return {
    error: {
      code: 'badgestock.import_refused' as const,
      message: `${badRows} of ${rowCount} rows are wrong; nothing was imported. Correct them and import the whole file again`,
      fields: [],
    },
    report: { rowCount, badRows, problems },
  };
}

export function presentStockBadge(row: StockRow) {
  return { uid: row.id_tag, label: row.label, technology: row.technology, importId: row.import_id, fileName: row.file_name, importedAt: iso(row.imported_at) };
}

export function presentImport(row: ImportRow & { short_code?: string; tenant_name?: string }) {
  return {
    id: row.id, fileName: row.file_name, badgeCount: row.badge_count, inStock: Number(row.in_stock ?? 0),
    importedBy: row.imported_by_label, byOperator: row.by_operator, importedAt: iso(row.imported_at),
    ...(row.short_code !== undefined && { manager: { shortCode: row.short_code, name: row.tenant_name! } }),
  };
}

/** One entry per UID, with every manager holding it and where. */
export function presentDuplicates(rows: DuplicateRow[]) {
  const byUid = new Map<string, { uid: string; holders: { manager: { shortCode: string; name: string }; place: 'stock' | 'credential'; label: string | null }[] }>();
  for (const row of rows) {
    const entry = byUid.get(row.id_tag) ?? { uid: row.id_tag, holders: [] };
    entry.holders.push({ manager: { shortCode: row.short_code, name: row.tenant_name }, place: row.place, label: row.label });
    byUid.set(row.id_tag, entry);
  }
  return [...byUid.values()];
}

export function presentBuildingBadge(c: CredentialRow) {
  return {
    id: c.id, personId: c.person_id, type: 'rfid' as const, uid: c.id_tag!, technology: c.technology!, label: c.label,
    status: c.status, origin: 'building' as const, createdAt: iso(c.created_at),
  };
}
