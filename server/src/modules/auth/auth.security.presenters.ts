// The fields of the login history that leave the server.
import type { loginHistory } from './auth.account.usecases.ts';

type History = Awaited<ReturnType<typeof loginHistory>>;
type Event = History['events'][number];

function presentEvent(event: Event) {
  return { at: new Date(event.at).toISOString(), ip: event.ip, userAgent: event.user_agent, outcome: event.outcome };
}

export function presentLoginHistory(history: History) {
  return {
    items: history.events.map(presentEvent),
    total: history.total,
    page: history.page.page,
    pageSize: history.page.pageSize,
    lastSuccess: history.lastSuccess ? presentEvent(history.lastSuccess) : null,
    lastFailure: history.lastFailure ? presentEvent(history.lastFailure) : null,
  };
}
