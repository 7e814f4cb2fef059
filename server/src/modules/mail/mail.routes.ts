import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { asPlatform } from '../../db/scope.ts';
import { requireOperator } from '../../http/actor.ts';
import type { App } from '../../http/types.ts';
import { listOutbox } from './mail.repository.ts';

const PAGE_SIZE = 50;
const Stamp = Type.Union([Type.String(), Type.Null()]);

const OutboxPage = Type.Object({
  page: Type.Integer(),
  pageSize: Type.Integer(),
  mails: Type.Array(Type.Object({
    id: Type.Integer(), recipient: Type.String(), subject: Type.String(), bodyText: Type.String(),
    createdAt: Type.String(), sentAt: Stamp, error: Type.Union([Type.String(), Type.Null()]),
  })),
});

export function mailRoutes(app: App, deps: Deps): void {
  app.get('/api/operator/outbox', {
    schema: {
      tags: ['operator'], summary: 'Every mail the platform sent or would have sent, newest first',
      querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) }, { additionalProperties: false }),
      response: { 200: OutboxPage },
    },
  }, async (request) => {
    requireOperator(request.actor);
    const page = request.query.page ?? 1;
    const rows = await asPlatform(deps.db, (tx) => listOutbox(tx, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
    return {
      page,
      pageSize: PAGE_SIZE,
      mails: rows.map((m) => ({
        id: Number(m.id), recipient: m.recipient, subject: m.subject, bodyText: m.body_text, createdAt: new Date(m.created_at).toISOString(),
        sentAt: m.sent_at ? new Date(m.sent_at).toISOString() : null, error: m.error,
      })),
    };
  });
}
