// The last successful and last failed login, shown once after every login, whether it ended
// with the password or with the second factor.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { formatDateTime } from '../../format.ts';

export interface LoginTimestamp { at: string; ip: string | null }

export interface LoginAnswer {
  secondFactorRequired: boolean;
  csrfToken: string;
  lastSuccess: LoginTimestamp | null;
  lastFailure: LoginTimestamp | null;
}

const describe = (event: LoginTimestamp | null) =>
  event ? `${formatDateTime(event.at)}${event.ip ? ` (${event.ip})` : ''}` : i18next.t('never', { ns: 'auth' });

export function showLastLogins(answer: Pick<LoginAnswer, 'lastSuccess' | 'lastFailure'>): void {
  if (!answer.lastSuccess && !answer.lastFailure) return;
  const t = (key: string) => i18next.t(key, { ns: 'auth' });
  notifications.show({
    id: 'last-logins',
    autoClose: 15000,
    color: answer.lastFailure ? 'orange' : 'blue',
    title: t('lastLogins'),
    message: `${t('lastSuccess')}: ${describe(answer.lastSuccess)} · ${t('lastFailure')}: ${describe(answer.lastFailure)}`,
  });
}
