// What the badge stock endpoints return (server/src/modules/badgestock/badgestock.routes.ts).
import { ApiError, getCsrfToken } from '../../api.ts';

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

/**
 * Sends the CSV file as the raw body. XMLHttpRequest rather than fetch, because only it reports
 * upload progress; the CSRF header is the same one `api` sends.
 */
export function uploadBadges(url: string, file: File, onProgress: (fraction: number) => void): Promise<Imported> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${url}?fileName=${encodeURIComponent(file.name.slice(0, 200))}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onload = () => {
      let data: { error?: { code?: string; message?: string; fields?: [] }; report?: ImportReport } | null = null;
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as unknown as Imported);
      const error = data?.error ?? {};
      if (error.code === 'badgestock.import_refused' && data?.report) return reject(new ImportRefused(error.message ?? '', data.report));
      reject(new ApiError(xhr.status, error.code ?? 'network', error.message ?? xhr.statusText, error.fields ?? []));
    };
    xhr.send(file);
  });
}
