// What the badge stock endpoints return (server/src/modules/badgestock/badgestock.routes.ts).
import { ApiError, upload } from '../../api.ts';

export interface Manager { shortCode: string; name: string }

export interface Imported {
  rowCount: number;
  imports: { id: string; manager: Manager; badgeCount: number }[];
}

export interface RowProblem {
  line: number;
  field: 'uid' | 'label' | 'technology' | 'manager' | 'row';
  code: string;
  message: string;
  value: string;
  firstLine?: number;
}

export interface ImportReport { rowCount: number; badRows: number; problems: RowProblem[] }

/** A refused import: nothing was imported; the report names every bad row. */
export class ImportRefused extends ApiError {
  constructor(message: string, readonly report: ImportReport) {
    super(422, 'badgestock.import_refused', message);
  }
}

export interface StockBadge { uid: string; label: string; technology: string; importId: string; fileName: string; importedAt: string }
export interface StockPage { page: number; pageSize: number; total: number; badges: StockBadge[] }

export interface BadgeImport {
  id: string;
  fileName: string;
  badgeCount: number;
  inStock: number;
  importedBy: string;
  byOperator: boolean;
  importedAt: string;
  manager?: Manager;
}

export interface SharedUid {
  uid: string;
  holders: { manager: Manager; place: 'stock' | 'credential'; label: string | null }[];
}

export const IMPORT_URL = { staff: '/api/badge-stock/imports', operator: '/api/operator/badge-stock/imports' } as const;

/** Sends the CSV file of badges, with progress; a refused import comes back with its report of bad lines. */
export function uploadBadges(url: string, file: File, onProgress: (fraction: number) => void): Promise<Imported> {
  return upload<Imported>(`${url}?fileName=${encodeURIComponent(file.name.slice(0, 200))}`, file, 'text/csv', onProgress, (body) => {
    const report = body.report as ImportReport | undefined;
    return body.error?.code === 'badgestock.import_refused' && report ? new ImportRefused(body.error.message ?? '', report) : null;
  });
}
