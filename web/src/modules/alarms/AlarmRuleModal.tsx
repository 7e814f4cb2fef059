// An alarm rule, new or changed: what it watches (a meter, or for the office a site's devices),
// when it is raised (a day's or an hour's consumption above a limit, hours without a reading, a
// device fault) and, for a new rule, how its creator hears of it. A changed rule keeps its kind
// and what it watches (shown, not editable): its name and limit change. The server's refusals
// show on the fields they concern.
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, patch, post } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { meterName, unitSymbol, type Meter } from '../metering/metering.api.ts';
import type { Site } from '../sites/sites.api.ts';
import { ALARM_KINDS, CHANNELS, hasThreshold, watchesMeter, type AlarmKind, type AlarmRule, type Channel, type RuleInput, type RuleUpdate, isTemperature } from './alarms.api.ts';

const FIELDS = ['kind', 'name', 'meterId', 'siteId', 'threshold', 'missingHours', 'channel'];

/** A number as people type it: a decimal comma is a decimal point; null when it is none. */
function parseNumber(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() && Number.isFinite(value) ? value : null;
}

interface Props {
  meters: Meter[];
  /** The office's sites, for fault alarms; null for residents. */
  sites: Site[] | null;
  /** A new rule: the meter to start with. */
  meterId: string | null;
  /** The rule to change; null for a new one. */
  rule: AlarmRule | null;
  onClose(): void;
  onSaved(rule: AlarmRule): Promise<void> | void;
}

export function AlarmRuleModal({ meters, sites, meterId: initialMeter, rule, onClose, onSaved }: Props) {
  const { t } = useTranslation('alarms');
  const { me } = useSession();
  const editing = rule !== null;
  const [kind, setKind] = useState<AlarmKind>(rule?.kind ?? 'consumption');
  const [name, setName] = useState(rule?.name ?? '');
  const [meterId, setMeterId] = useState<string | null>(rule ? rule.meterId
    : meters.some((m) => m.id === initialMeter) ? initialMeter : meters.length === 1 ? meters[0]!.id : null);
  const [siteId, setSiteId] = useState<string | null>(rule ? rule.siteId : sites?.length === 1 ? sites[0]!.id : null);
  // Shown as the reader writes numbers (20,5 in German), without grouping, which parseNumber would misread.
  const [threshold, setThreshold] = useState(rule?.threshold != null ? formatNumber(rule.threshold, { maximumFractionDigits: 3, useGrouping: false }) : '');
  const [hours, setHours] = useState(String(rule?.missingHours ?? 24));
  const [channel, setChannel] = useState<Channel>('email');
  const meter = meters.find((m) => m.id === meterId) ?? null;
  const unit = isTemperature(kind) ? '°C' : meter ? unitSymbol(meter.unit) : rule?.unit ? unitSymbol(rule.unit) : '';
  // Typed but not a number: said at once; an empty field goes to the server, which names it.
  // A changed rule keeps its limit unless a new one is given, so an emptied field is said at once too.
  const thresholdInvalid = threshold.trim() !== '' && (parseNumber(threshold) === null || parseNumber(threshold)! < (isTemperature(kind) ? -100 : 0) || (isTemperature(kind) && parseNumber(threshold)! > 250));
  const thresholdEmptied = editing && hasThreshold(kind) && threshold.trim() === '';
  const hoursValue = parseNumber(hours);
  const hoursInvalid = hours.trim() !== '' && (hoursValue === null || !Number.isInteger(hoursValue) || hoursValue < 1 || hoursValue > 720);
  const hoursEmptied = editing && kind === 'missing_data' && hours.trim() === '';

  const { busy, error, fields, submit } = useSubmit(t, async () => {
    let saved: AlarmRule;
    if (rule) {
      const update: RuleUpdate = { name: name.trim() };
      if (hasThreshold(kind) && parseNumber(threshold) !== null) update.threshold = parseNumber(threshold)!;
      if (kind === 'missing_data' && hoursValue !== null) update.missingHours = hoursValue;
      saved = await patch<AlarmRule>(`/api/alarm-rules/${rule.id}`, update);
    } else {
      const input: RuleInput = { kind, name: name.trim(), channel };
      if (watchesMeter(kind)) { if (meterId) input.meterId = meterId; } else if (siteId) input.siteId = siteId;
      if (hasThreshold(kind) && parseNumber(threshold) !== null) input.threshold = parseNumber(threshold)!;
      if (kind === 'missing_data' && hoursValue !== null) input.missingHours = hoursValue;
      saved = await post<AlarmRule>('/api/alarm-rules', input);
    }
    notifications.show({ color: 'green', message: t(editing ? 'form.saved' : 'form.done', { name: saved.name }) });
    await onSaved(saved);
    onClose();
  });
  // The server's own words for a missing entry are English: each field says it in ours.
  const missing = error instanceof ApiError && error.code === 'alarms.invalid_rule' ? new Set(error.fields.map((f) => f.field)) : new Set<string>();
  const fieldError = (field: string) => (missing.has(field) ? t(`form.missing.${field}`) : fields[field]);
  const shownOnFields = error instanceof ApiError && error.fields.length > 0 && error.fields.every((f) => FIELDS.includes(f.field.split('.')[0]!));

  const kinds = ALARM_KINDS.filter((k) => watchesMeter(k) || sites !== null || k === rule?.kind);
  const meterLabel = (m: Meter) => (m.unitLabel ? `${m.name} · ${m.unitLabel}` : meterName(m, t));
  const meterOptions = meters.map((m) => ({ value: m.id, label: meterLabel(m) }));
  if (rule?.meterId && !meter) meterOptions.push({ value: rule.meterId, label: rule.meterName ?? '…' });
  const channels = CHANNELS.map((c) => ({ value: c, label: c === 'sms' && !me?.user.mobile ? t('channels.smsNoMobile') : t(`channels.${c}`), disabled: c === 'sms' && !me?.user.mobile }));

  return (
    <Modal opened onClose={onClose} title={t(editing ? 'form.editTitle' : 'form.title')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && !shownOnFields && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <TextInput label={t('fields.name')} required maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)}
            placeholder={t(`form.namePlaceholder.${kind}`)} error={fieldError('name')} data-autofocus />
          <Select label={t('fields.kind')} required allowDeselect={false} value={kind} error={fieldError('kind')} disabled={editing}
            data={kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} onChange={(value) => value && setKind(value as AlarmKind)} />
          {watchesMeter(kind) ? (
            <Select label={t('fields.meter')} required searchable allowDeselect={false} value={meterId} onChange={setMeterId} error={fieldError('meterId')}
              disabled={editing} data={meterOptions} nothingFoundMessage={t('form.noMeter')} />
          ) : (
            <Select label={t('fields.site')} required allowDeselect={false} value={siteId} onChange={setSiteId} error={fieldError('siteId')}
              disabled={editing} data={(sites ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          )}
          {editing && <Text size="sm" c="dimmed">{t('form.fixedHint')}</Text>}
          {kind === 'device_fault' && <Text size="sm" c="dimmed">{t('form.faultHint')}</Text>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {hasThreshold(kind) && (
              <TextInput label={t(`fields.threshold.${kind}`)} required inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.currentTarget.value)}
                rightSection={<Text size="sm" c="dimmed">{unit}</Text>} rightSectionWidth={unit.length > 2 ? 48 : 40} description={t(`form.thresholdHint.${kind}`)}
                error={thresholdInvalid ? t(isTemperature(kind) ? 'form.notTemperature' : 'form.notNumber') : thresholdEmptied ? t('form.missing.threshold') : fieldError('threshold')} />
            )}
            {kind === 'missing_data' && (
              <TextInput label={t('fields.missingHours')} required inputMode="numeric" value={hours} onChange={(e) => setHours(e.currentTarget.value)}
                description={t('form.hoursHint')} error={hoursInvalid ? t('form.hoursRange') : hoursEmptied ? t('form.missing.missingHours') : fieldError('missingHours')} />
            )}
            {!editing && (
              <Select label={t('fields.channel')} description={t('form.channelHint')} required allowDeselect={false} value={channel} error={fieldError('channel')}
                data={channels} onChange={(value) => value && setChannel(value as Channel)} />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!name.trim() || thresholdInvalid || hoursInvalid || thresholdEmptied || hoursEmptied}>
              {t(editing ? 'form.save' : 'form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
