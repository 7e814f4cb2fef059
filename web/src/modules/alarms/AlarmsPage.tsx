// Alarms, for the office and for residents (/alarms): the rules the reader may see — what each
// watches, its limit, whether it is raised now, and how the reader hears of it (changed in place)
// — a new or changed rule in a modal (/alarms?meter=<id> opens a new one for that meter), a rule
// deleted after asking, and below the history of alarms raised, cleared and acknowledged (a
// deleted rule's alarms stay there).
import { ActionIcon, Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { del, post, put } from '../../api.ts';
import { isManager, useSession } from '../../app/session.tsx';
import { formatDateTime, formatNumber } from '../../format.ts';
import { ConfirmModal } from '../../ui/ConfirmModal.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { unitSymbol, type Meter } from '../metering/metering.api.ts';
import type { Site } from '../sites/sites.api.ts';
import { CHANNELS, type Alarm, type AlarmRule, type Channel } from './alarms.api.ts';
import { AlarmRuleModal } from './AlarmRuleModal.tsx';

const OFF = 'off';
/** A badge in a narrow column shows its whole text rather than an ellipsis. */
const WHOLE = { label: { overflow: 'visible' } };

export function AlarmsPage() {
  const { t } = useTranslation('alarms');
  const { me } = useSession();
  const staff = isManager(me);
  const [params, setParams] = useSearchParams();
  const preselected = params.get('meter');
  const rules = useLoad<AlarmRule[]>('/api/alarm-rules');
  const history = useLoad<Alarm[]>('/api/alarms');
  const meters = useLoad<Meter[]>(staff ? '/api/meters' : '/api/me/meters');
  const sites = useLoad<Site[]>(staff ? '/api/sites' : null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<AlarmRule | null>(null);
  const [deleting, setDeleting] = useState<AlarmRule | null>(null);
  const [changing, setChanging] = useState<string | null>(null);
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  const creating = editing === null && (adding || preselected !== null);
  // Followed again while open (a notification's link): what was raised since is shown.
  const { key } = useLocation();
  const shownFor = useRef(key);
  const { reload: reloadRules } = rules;
  const { reload: reloadHistory } = history;
  useEffect(() => {
    if (shownFor.current === key) return;
    shownFor.current = key;
    void reloadRules();
    void reloadHistory();
  }, [key, reloadRules, reloadHistory]);
  const meterPath = (meterId: string) => (staff ? `/meters/${meterId}` : `/my-consumption/${meterId}`);

  const closeForm = () => {
    setAdding(false);
    setEditing(null);
    if (preselected !== null) setParams((current) => { const next = new URLSearchParams(current); next.delete('meter'); return next; }, { replace: true });
  };

  const subscribe = async (rule: AlarmRule, value: string) => {
    setChanging(rule.id);
    try {
      if (value === OFF) await del(`/api/alarm-rules/${rule.id}/subscription`);
      else await put(`/api/alarm-rules/${rule.id}/subscription`, { channel: value });
      notifications.show({ color: 'green', message: value === OFF ? t('subscription.left', { name: rule.name }) : t('subscription.changed', { name: rule.name, channel: t(`channels.${value}`) }) });
      await rules.reload();
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error) });
    } finally {
      setChanging(null);
    }
  };

  const deleteRule = async (rule: AlarmRule) => {
    await del(`/api/alarm-rules/${rule.id}`);
    notifications.show({ color: 'green', message: t('delete.done', { name: rule.name }) });
    await Promise.all([rules.reload(), history.reload()]);
  };

  const acknowledge = async (alarm: Alarm) => {
    setAcknowledging(alarm.id);
    try {
      await post(`/api/alarms/${alarm.id}/acknowledge`);
      notifications.show({ color: 'green', message: t('history.acknowledgedDone', { name: alarm.ruleName }) });
      await history.reload();
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error) });
    } finally {
      setAcknowledging(null);
    }
  };

  const watched = (rule: AlarmRule) => {
    if (rule.meterId) return <Anchor component={Link} to={meterPath(rule.meterId)}>{rule.meterName}</Anchor>;
    return t('rules.devicesOf', { site: sites.data?.find((s) => s.id === rule.siteId)?.name ?? '…' });
  };
  const limit = (rule: AlarmRule) => {
    const amount = (value: number) => `${formatNumber(value, { maximumFractionDigits: 3 })} ${unitSymbol(rule.unit ?? '')}`;
    if (rule.kind === 'consumption' && rule.threshold !== null) return t('rules.perDay', { amount: amount(rule.threshold) });
    if (rule.kind === 'flow' && rule.threshold !== null) return t('rules.perHour', { amount: amount(rule.threshold) });
    const degrees = (value: number) => `${formatNumber(value, { maximumFractionDigits: 1 })} °C`;
    if (rule.kind === 'temperature_low' && rule.threshold !== null) return t('rules.below', { degrees: degrees(rule.threshold) });
    if (rule.kind === 'temperature_high' && rule.threshold !== null) return t('rules.above', { degrees: degrees(rule.threshold) });
    if (rule.kind === 'missing_data' && rule.missingHours !== null) return t('rules.hoursSilent', { hours: rule.missingHours });
    return t('rules.anyFault');
  };
  const channelOptions = [{ value: OFF, label: t('channels.off') }, ...CHANNELS.map((c) => ({
    value: c, label: c === 'sms' && !me?.user.mobile ? t('channels.smsNoMobile') : t(`channels.${c}`), disabled: c === 'sms' && !me?.user.mobile,
  }))];

  const loadError = rules.error ?? meters.error ?? sites.error;
  return (
    <Page title={t('title')} actions={<Button onClick={() => setAdding(true)} disabled={!meters.data}>{t('form.button')}</Button>}>
      <Text c="dimmed">{t(staff ? 'hint.staff' : 'hint.resident')}</Text>
      {loadError ? <LoadError message={errorText(t, loadError)} /> : !rules.data ? <Loading /> : (
        <Card withBorder>
          <Stack>
            <Title order={2} size="h4">{t('rules.title')}</Title>
            {!rules.data.length ? <Text c="dimmed">{t('rules.none')}</Text> : (
              <Table.ScrollContainer minWidth={760}>
                <Table striped highlightOnHover aria-label={t('rules.title')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('fields.name')}</Table.Th><Table.Th>{t('fields.kind')}</Table.Th><Table.Th>{t('rules.watches')}</Table.Th>
                      <Table.Th>{t('rules.limit')}</Table.Th><Table.Th>{t('rules.state')}</Table.Th><Table.Th>{t('rules.subscription')}</Table.Th>
                      <Table.Th><VisuallyHidden>{t('common:actions')}</VisuallyHidden></Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rules.data.map((rule) => (
                      <Table.Tr key={rule.id}>
                        <Table.Td>{rule.name}</Table.Td>
                        <Table.Td>{t(`kinds.${rule.kind}`)}</Table.Td>
                        <Table.Td>{watched(rule)}</Table.Td>
                        <Table.Td>{limit(rule)}</Table.Td>
                        <Table.Td>
                          {rule.raisedSince ? (
                            <Stack gap={2} align="flex-start">
                              <Badge color="red" variant="light" styles={WHOLE}>{t('rules.raised')}</Badge>
                              <Text size="xs" c="dimmed">{t('rules.since', { since: formatDateTime(rule.raisedSince) })}</Text>
                            </Stack>
                          ) : <Badge color="green" variant="light" styles={WHOLE}>{t('rules.ok')}</Badge>}
                        </Table.Td>
                        <Table.Td miw={190}>
                          <Select size="xs" allowDeselect={false} aria-label={t('subscription.label', { name: rule.name })} value={rule.subscription ?? OFF}
                            data={channelOptions} disabled={changing === rule.id} onChange={(value) => value && value !== (rule.subscription ?? OFF) && void subscribe(rule, value as Channel | typeof OFF)} />
                        </Table.Td>
                        <Table.Td>
                          {rule.mayChange && (
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <ActionIcon variant="subtle" aria-label={t('rules.editOf', { name: rule.name })} onClick={() => setEditing(rule)}>✎</ActionIcon>
                              <ActionIcon variant="subtle" color="red" aria-label={t('rules.deleteOf', { name: rule.name })} onClick={() => setDeleting(rule)}>✕</ActionIcon>
                            </Group>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        </Card>
      )}
      <Card withBorder>
        <Stack>
          <Title order={2} size="h4">{t('history.title')}</Title>
          {history.error ? <LoadError message={errorText(t, history.error)} /> : !history.data ? <Loading /> : !history.data.length ? <Empty /> : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped aria-label={t('history.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('history.alarm')}</Table.Th><Table.Th>{t('history.raised')}</Table.Th><Table.Th>{t('history.cleared')}</Table.Th>
                    <Table.Th>{t('history.detail')}</Table.Th><Table.Th>{t('history.acknowledged')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {history.data.map((alarm) => (
                    <Table.Tr key={alarm.id}>
                      <Table.Td>
                        {alarm.ruleDeleted ? (
                          <Stack gap={2} align="flex-start">
                            <Text size="sm">{alarm.ruleName}</Text>
                            <Badge color="gray" variant="light" styles={WHOLE}>{t('history.ruleDeleted')}</Badge>
                          </Stack>
                        ) : alarm.ruleName}
                      </Table.Td>
                      <Table.Td>{formatDateTime(alarm.raisedAt)}</Table.Td>
                      <Table.Td>{alarm.clearedAt ? formatDateTime(alarm.clearedAt) : <Badge color="red" variant="light" styles={WHOLE}>{t('history.stillRaised')}</Badge>}</Table.Td>
                      <Table.Td>{alarm.detail}</Table.Td>
                      <Table.Td>
                        {alarm.acknowledgedAt ? formatDateTime(alarm.acknowledgedAt) : (
                          <Button size="xs" variant="light" loading={acknowledging === alarm.id} onClick={() => void acknowledge(alarm)}
                            aria-label={t('history.acknowledgeOf', { name: alarm.ruleName })}>{t('history.acknowledge')}</Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
      {(creating || editing) && meters.data && (!staff || sites.data) && (
        <AlarmRuleModal meters={meters.data} sites={staff ? sites.data : null} meterId={preselected} rule={editing} onClose={closeForm}
          onSaved={async () => { await Promise.all([rules.reload(), history.reload()]); }} />
      )}
      <ConfirmModal opened={deleting !== null} onClose={() => setDeleting(null)} namespace="alarms" title={t('delete.title')}
        message={t('delete.confirm', { name: deleting?.name ?? '' })} confirmLabel={t('common:delete')} onConfirm={() => deleteRule(deleting!)} />
    </Page>
  );
}
