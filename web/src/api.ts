// Talks to the Concierge API: JSON in and out, the CSRF token on every change, and errors as
// values with the server's stable code and offending fields.
export interface FieldError { field: string; message: string }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly fields: FieldError[] = []) {
    super(message);
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'network', error.message ?? response.statusText, error.fields ?? []);
  }
  return data as T;
}

export const get = <T,>(path: string) => api<T>('GET', path);
export const post = <T,>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T,>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T,>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T,>(path: string) => api<T>('DELETE', path);

type ErrorBody = { error?: { code?: string; message?: string; fields?: FieldError[] } } & Record<string, unknown>;

/**
 * Sends a file as the raw body. XMLHttpRequest rather than fetch, because only it reports upload
 * progress; the CSRF header is the same one `api` sends. `refused` may turn an error answer that
 * carries more than the error (a report of bad lines) into an error of its own.
 */
export function upload<T>(path: string, file: File, contentType: string, onProgress: (fraction: number) => void,
  refused?: (body: ErrorBody) => Error | null): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', contentType);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onload = () => {
      let data: ErrorBody | null = null;
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const special = data && refused ? refused(data) : null;
      if (special) return reject(special);
      const error = data?.error ?? {};
      reject(new ApiError(xhr.status, error.code ?? 'network', error.message ?? xhr.statusText, error.fields ?? []));
    };
    xhr.send(file);
  });
}
