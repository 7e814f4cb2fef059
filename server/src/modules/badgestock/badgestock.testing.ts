// Test helper: a CSV upload as the portal sends it (raw body, text/csv, the session's CSRF header).
import type { Session, TestContext } from '../../test/app.ts';

export async function uploadCsv(app: TestContext['app'], session: Session, body: string | Buffer,
  options: { url?: string; fileName?: string; contentType?: string } = {}) {
  const url = `${options.url ?? '/api/badge-stock/imports'}${options.fileName ? `?fileName=${encodeURIComponent(options.fileName)}` : ''}`;
  const res = await app.inject({ method: 'POST', url, payload: body, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': options.contentType ?? 'text/csv' } });
  return { status: res.statusCode, body: res.json() };
}
