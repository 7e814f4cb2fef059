// The operator's contracts: per manager the settlement period, the fees and the account payouts go
// to; edited in a form, and a period settled from here after a confirmation.
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post, put } from '../../api.ts';
import { formatMoney, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError, Page } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { maskIban, type Contract, type OperatorContract, type PeriodKind, type Settlement } from './settlements.api.ts';

interface Form {
  period: PeriodKind; portalFee: number; surcharge: number; pseudonymisedData: boolean; dataFee: number; cardFeePercent: number; cardFeeFixed: number;
  accountHolder: string; iban: string; bic: string;
}

const formOf = (c: Contract | null): Form => ({
  period: c?.period ?? 'yearly', portalFee: (c?.portalFeeMinor ?? 12_000) / 100, surcharge: (c?.periodSurchargeMinor ?? 500) / 100,
  pseudonymisedData: c?.pseudonymisedData ?? false, dataFee: (c?.pseudonymisedDataFeeMinor ?? 5_000) / 100, cardFeePercent: (c?.cardFeeBp ?? 0) / 100,
  cardFeeFixed: (c?.cardFeeFixedMinor ?? 0) / 100, accountHolder: c?.accountHolder ?? '', iban: c?.iban ?? '', bic: c?.bic ?? '',
});
const minor = (major: number) => Math.round(major * 100);

/** The period of this kind that ended last (the usual one to settle). */
function lastEnded(kind: PeriodKind, today = new Date()): string {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  if (kind === 'yearly') return String(year - 1);
  if (kind === 'quarterly') return month <= 3 ? `${year - 1}-Q4` : `${year}-Q${Math.ceil(month / 3) - 1}`;
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function ContractModal({ row, onClose, onDone }: { row: OperatorContract | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation('settlements');
  const [form, setForm] = useState<Form>(formOf(null));
  const [opened, setOpened] = useState<string | null>(null);
  if (row && opened !== row.tenantId) {
    setOpened(row.tenantId);
    setForm(formOf(row.contract));
  }
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const close = () => { setOpened(null); save.setError(null); onClose(); };
  const save = useSubmit(t, async () => {
    await put(`/api/operator/tenants/${row!.tenantId}/contract`, {
      period: form.period, portalFeeMinor: minor(form.portalFee), periodSurchargeMinor: minor(form.surcharge), pseudonymisedData: form.pseudonymisedData,
      pseudonymisedDataFeeMinor: minor(form.dataFee), cardFeeBp: Math.round(form.cardFeePercent * 100), cardFeeFixedMinor: minor(form.cardFeeFixed),
      accountHolder: form.accountHolder.trim() || null, iban: form.iban.replace(/\s/g, '') || null, bic: form.bic.trim() || null,
    });
    notifications.show({ color: 'green', message: t('common:saved') });
    close();
    onDone();
  });
  const amount = (key: 'portalFee' | 'surcharge' | 'dataFee' | 'cardFeeFixed', label: string, field: string) => (
    <NumberInput label={label} min={0} decimalScale={2} fixedDecimalScale value={form[key]} onChange={(v) => set(key, Number(v) || 0)} error={save.fields[field]} suffix={` ${row?.currency ?? ''}`} />
  );
  return (
    <Modal opened={row !== null} onClose={close} size="lg" title={row ? t('contracts.editTitle', { name: row.tenantName }) : ''} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={save.submit} noValidate>
        <Stack>
          <Select label={t('contract.period')} value={form.period} onChange={(v) => set('period', (v ?? 'yearly') as PeriodKind)} allowDeselect={false}
            data={(['yearly', 'quarterly', 'monthly'] as const).map((p) => ({ value: p, label: t(`periods.${p}`) }))} />
          {amount('portalFee', t('contracts.portalFee'), 'portalFeeMinor')}
          {amount('surcharge', t('contracts.surcharge'), 'periodSurchargeMinor')}
          <Checkbox label={t('contracts.pseudonymisedData')} checked={form.pseudonymisedData} onChange={(e) => set('pseudonymisedData', e.currentTarget.checked)} />
          {amount('dataFee', t('contracts.dataFee'), 'pseudonymisedDataFeeMinor')}
          <Group grow>
            <NumberInput label={t('contracts.cardFeePercent')} min={0} max={10} decimalScale={2} value={form.cardFeePercent} onChange={(v) => set('cardFeePercent', Number(v) || 0)} error={save.fields.cardFeeBp} suffix=" %" />
            {amount('cardFeeFixed', t('contracts.cardFeeFixed'), 'cardFeeFixedMinor')}
          </Group>
          <TextInput label={t('contract.accountHolder')} value={form.accountHolder} onChange={(e) => set('accountHolder', e.currentTarget.value)} error={save.fields.accountHolder} maxLength={70} />
          <Group grow>
            <TextInput label={t('contract.iban')} value={form.iban} onChange={(e) => set('iban', e.currentTarget.value)} error={save.fields.iban} />
            <TextInput label={t('contracts.bic')} value={form.bic} onChange={(e) => set('bic', e.currentTarget.value)} error={save.fields.bic} />
          </Group>
          {save.error !== null && <Alert color="red" role="alert">{errorText(t, save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
            <Button type="submit" loading={save.busy}>{t('common:save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SettleModal({ row, onClose }: { row: OperatorContract | null; onClose(): void }) {
  const { t } = useTranslation('settlements');
  const [period, setPeriod] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  if (row?.contract && opened !== row.tenantId) {
    setOpened(row.tenantId);
    setPeriod(lastEnded(row.contract.period));
  }
  const close = () => { setOpened(null); run.setError(null); onClose(); };
  const run = useSubmit(t, async () => {
    const result = await post<{ created: boolean; settlement: Settlement }>(`/api/operator/tenants/${row!.tenantId}/settlements`, { period: period.trim() });
    const s = result.settlement;
    notifications.show({ color: 'green', message: t(result.created ? 'contracts.settled' : 'contracts.settledBefore', { period: s.period, payout: formatMoney(s.payoutMinor, s.currency), fees: formatMoney(s.feesMinor, s.currency) }) });
    close();
  });
  return (
    <Modal opened={row !== null} onClose={close} title={row ? t('contracts.settleTitle', { name: row.tenantName }) : ''} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={run.submit} noValidate>
        <Stack>
          <TextInput label={t('contracts.periodToSettle')} description={t('contracts.periodHint')} value={period} onChange={(e) => setPeriod(e.currentTarget.value)} error={run.fields.period} />
          <Text size="sm">{t('contracts.settleText')}</Text>
          {run.error !== null && <Alert color="red" role="alert">{errorText(t, run.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common:cancel')}</Button>
            <Button type="submit" loading={run.busy}>{t('contracts.settle', { period })}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ContractsPage() {
  const { t } = useTranslation('settlements');
  const loaded = useLoad<OperatorContract[]>('/api/operator/contracts');
  const [editing, setEditing] = useState<OperatorContract | null>(null);
  const [settling, setSettling] = useState<OperatorContract | null>(null);
  return (
    <Page title={t('contracts.title')}>
      {loaded.error ? <LoadError message={errorText(t, loaded.error)} /> : !loaded.data ? <Loading /> : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('contracts.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.manager')}</Table.Th>
                <Table.Th>{t('contract.period')}</Table.Th>
                <Table.Th ta="right">{t('contracts.portalFee')}</Table.Th>
                <Table.Th ta="right">{t('contracts.surcharge')}</Table.Th>
                <Table.Th>{t('contracts.options')}</Table.Th>
                <Table.Th>{t('contracts.payoutAccount')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {loaded.data.map((row) => {
                const c = row.contract;
                return (
                  <Table.Tr key={row.tenantId}>
                    <Table.Td>{row.tenantName}</Table.Td>
                    <Table.Td>{c ? t(`periods.${c.period}`) : <Text c="dimmed" size="sm">{t('contracts.none')}</Text>}</Table.Td>
                    <Table.Td ta="right">{c ? formatMoney(c.portalFeeMinor, row.currency) : '–'}</Table.Td>
                    <Table.Td ta="right">{c ? formatMoney(c.periodSurchargeMinor, row.currency) : '–'}</Table.Td>
                    <Table.Td>{c ? [c.pseudonymisedData ? t('contracts.dataShort') : null, c.cardFeeBp || c.cardFeeFixedMinor ? t('contracts.cardShort', { percent: formatNumber(c.cardFeeBp / 100), fixed: formatMoney(c.cardFeeFixedMinor, row.currency) }) : null].filter(Boolean).join(' · ') || '–' : '–'}</Table.Td>
                    <Table.Td>{c?.iban ? `${c.accountHolder}, ${maskIban(c.iban)}` : '–'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="light" onClick={() => setEditing(row)} aria-label={t('contracts.edit', { name: row.tenantName })}>{t('contracts.editShort')}</Button>
                        {c && <Button size="xs" onClick={() => setSettling(row)} aria-label={t('contracts.settleFor', { name: row.tenantName })}>{t('contracts.settleShort')}</Button>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ContractModal row={editing} onClose={() => setEditing(null)} onDone={() => void loaded.reload()} />
      <SettleModal row={settling} onClose={() => setSettling(null)} />
    </Page>
  );
}
