// Notices when one of the resident's own sessions leaves an appliance (the device stopped it, the
// resident ended it, an auto-end rule, a refused start) and fetches how it ended, so the page can
// show the receipt the moment it exists.
import { useCallback, useEffect, useRef } from 'react';
import { get } from '../../api.ts';
import type { MyAppliance, UsageSession } from './sessions.api.ts';

export function useFinishedSessions(appliances: MyAppliance[] | null, onFinished: (session: UsageSession) => void) {
  const followed = useRef(new Set<string>());
  const handler = useRef(onFinished);
  handler.current = onFinished;

  /** Follows a session the page started, before the next poll shows it on its appliance. */
  const follow = useCallback((sessionId: string) => { followed.current.add(sessionId); }, []);

  useEffect(() => {
    if (!appliances) return;
    const current = new Set(appliances.flatMap((a) => (a.mySession ? [a.mySession.id] : [])));
    const gone = [...followed.current].filter((id) => !current.has(id));
    for (const id of current) followed.current.add(id);
    for (const id of gone) {
      void get<UsageSession>(`/api/me/sessions/${id}`).then((session) => {
        // A session that reported no end yet is looked at again on the next poll.
        if (session.status !== 'completed' && session.status !== 'cancelled' && session.status !== 'refused') return;
        if (!followed.current.delete(id)) return;
        handler.current(session);
      }).catch(() => undefined);
    }
  }, [appliances]);

  return follow;
}
