// The manager's settlement contract as the operator set it (period, fees, account), and what the
// manager chooses: one payout or one per site, and the sites' own accounts.
import { Alert, Button, Card, Group, Modal, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, put } from '../../api.ts';
import { formatMoney, formatNumber } from '../../format.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading, LoadError } from '../../ui/Page.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { maskIban, type OwnContract, type SiteAccount, type Split } from './settlements.api.ts';

interface Site { id: string; name: string }

function SiteAccountModal({ site, account, onClose, onDone }: { site: Site | null; account: SiteAccount | undefined; onClose(): void; onDone(): void }) {
  const { t } = useTranslation('settlements');
  const [holder, setHolder] = useState('');
  const [iban, setIban] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  if (site && opened !== site.id) {
    setOpened(site.id);
    setHolder(account?.accountHolder ?? '');
    setIban(account?.iban ?? '');
  }
  const close = () => { setOpened(null); save.setError(null); onClose(); };
  const save = useSubmit(t, async () => {
    await put(`/api/sites/${site!.id}/payout-account`, { accountHolder: holder.trim(), iban: iban.replace(/\s/g, '') });
    notifications.show({ color: 'green', message: t('common:saved') });
    close();
    onDone();
  });
  return (
    <Modal opened={site !== null} onClose={close} title={site ? t('contract.siteAccountTitle', { site: site.name }) : ''} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={save.submit} noValidate>
        <Stack>
          <TextInput label={t('contract.accountHolder')} required value={holder} onChange={(e) => setHolder(e.currentTarget.value)} error={save.fields.accountHolder} maxLength={70} />
          <TextInput label={t('contract.iban')} required value={iban} onChange={(e) => setIban(e.currentTarget.value)} error={save.fields.iban} />
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

export function ContractCard({ currency, admin }: { currency: string; admin: boolean }) {
  const { t } = useTranslation('settlements');
  const own = useLoad<OwnContract>('/api/settlement-contract');
  const sites = useLoad<Site[]>('/api/sites');
  const [editing, setEditing] = useState<Site | null>(null);
  const [error, setError] = useState<unknown>(null);
  const money = (minor: number) => formatMoney(minor, currency);
  const setSplit = async (split: Split) => {
    setError(null);
    try {
      await put('/api/settlement-contract/split', { split });
      notifications.show({ color: 'green', message: t('common:saved') });
      await own.reload();
    } catch (err) {
      setError(err);
    }
  };
  const removeAccount = async (siteId: string) => {
    await del(`/api/sites/${siteId}/payout-account`);
    await own.reload();
  };

  if (own.error) return <LoadError message={errorText(t, own.error)} />;
  if (!own.data) return <Loading />;
  const contract = own.data.contract;
  if (!contract) return <Alert color="blue">{t('contract.none')}</Alert>;
  const accountOf = new Map(own.data.siteAccounts.map((a) => [a.siteId, a]));
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">{t('contract.title')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Text size="sm">{t('contract.period')}: <b>{t(`periods.${contract.period}`)}</b></Text>
          <Text size="sm">{t('contract.portalFee', { amount: money(contract.portalFeeMinor) })}</Text>
          <Text size="sm">{t('contract.surcharge', { amount: money(contract.periodSurchargeMinor) })}</Text>
          <Text size="sm">{contract.pseudonymisedData ? t('contract.dataOption', { amount: money(contract.pseudonymisedDataFeeMinor) }) : t('contract.noDataOption')}</Text>
          <Text size="sm">{t('contract.cardFee', { percent: formatNumber(contract.cardFeeBp / 100), fixed: money(contract.cardFeeFixedMinor) })}</Text>
          <Text size="sm">{contract.iban ? t('contract.account', { holder: contract.accountHolder, iban: maskIban(contract.iban) }) : t('contract.noAccount')}</Text>
        </SimpleGrid>
        <Group gap="sm" align="center">
          <Text size="sm" fw={500}>{t('contract.split')}</Text>
          <SegmentedControl value={contract.split} disabled={!admin} onChange={(value) => void setSplit(value as Split)} aria-label={t('contract.split')}
            data={[{ value: 'combined', label: t('contract.combined') }, { value: 'per_site', label: t('contract.perSite') }]} />
        </Group>
        {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
        {contract.split === 'per_site' && sites.data && (
          <Table aria-label={t('contract.siteAccounts')}>
            <Table.Thead><Table.Tr><Table.Th>{t('columns.site')}</Table.Th><Table.Th>{t('contract.paidTo')}</Table.Th>{admin && <Table.Th />}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {sites.data.map((site) => {
                const account = accountOf.get(site.id);
                return (
                  <Table.Tr key={site.id}>
                    <Table.Td>{site.name}</Table.Td>
                    <Table.Td>{account ? `${account.accountHolder}, ${maskIban(account.iban)}` : t('contract.mainAccount')}</Table.Td>
                    {admin && (
                      <Table.Td>
                        <Group gap="xs" justify="flex-end">
                          <Button size="xs" variant="light" onClick={() => setEditing(site)} aria-label={t('contract.editSiteAccount', { site: site.name })}>{t('contract.setAccount')}</Button>
                          {account && <Button size="xs" variant="subtle" color="red" onClick={() => void removeAccount(site.id)}>{t('contract.useMain')}</Button>}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <SiteAccountModal site={editing} account={editing ? accountOf.get(editing.id) : undefined} onClose={() => setEditing(null)} onDone={() => void own.reload()} />
    </Card>
  );
}
