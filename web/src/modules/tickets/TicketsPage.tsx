// Tickets (/tickets): a resident's own requests to the office ("Service") with a new one started
// here; the office's queue with filters and, for its administrators, the automatic-ticket settings;
// a technician's assigned tickets. The server decides what each may see; this page only asks.
import { Button, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isManager, useSession } from '../../app/session.tsx';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { filtersFrom, TicketFilters, type Filters } from './TicketFilters.tsx';
import type { TicketList } from './tickets.api.ts';
import { TicketSettingsCard } from './TicketSettingsCard.tsx';
import { TicketsTable } from './TicketsTable.tsx';

const PAGE_SIZE = 25;

function listPath(filters: Filters, page: number): string {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String((page - 1) * PAGE_SIZE) });
  if (filters.status) query.set('status', filters.status);
  if (filters.category) query.set('category', filters.category);
  if (filters.assignee) query.set('assignee', filters.assignee);
  if (filters.q) query.set('q', filters.q);
  return `/api/tickets?${query.toString()}`;
}

export function TicketsPage() {
  const { t } = useTranslation('tickets');
  const { me } = useSession();
  const office = isManager(me);
  const resident = me?.role === 'resident';
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useLoad<TicketList>(listPath(office ? filters : { status: null, category: null, assignee: '', q: '' }, page));

  const change = (next: Filters, nextPage = 1) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) query.set(key, value);
    if (nextPage > 1) query.set('page', String(nextPage));
    setParams(query, { replace: true });
  };
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const label = t(resident ? 'list.mine' : office ? 'list.queue' : 'list.assigned');

  return (
    <Page title={t(resident ? 'list.serviceTitle' : 'list.title')}
      actions={resident && <Button component={Link} to="/tickets/new">{t('new.button')}</Button>}>
      <Text c="dimmed">{t(resident ? 'hint.resident' : office ? 'hint.office' : 'hint.technician')}</Text>
      {office && <TicketFilters filters={filters} onChange={(next) => change(next)} />}
      <Card withBorder p={{ base: 'xs', sm: 'md' }}>
        {list.error ? <LoadError message={errorText(t, list.error)} /> : !list.data ? <Loading /> : !list.data.tickets.length ? (
          resident ? <Text c="dimmed" p="md">{t('list.noneYet')}</Text> : <Empty />
        ) : (
          <Stack gap={0}>
            <TicketsTable tickets={list.data.tickets} label={label} office={!resident} />
            {pages > 1 && <Pager page={page} pages={pages} hasNext={page < pages} onPage={(p) => change(filters, p)} />}
          </Stack>
        )}
      </Card>
      {me?.role === 'manager_admin' && <TicketSettingsCard />}
    </Page>
  );
}
