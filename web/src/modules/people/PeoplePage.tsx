// Residents and other people of the property manager: search by name, customer number or
// e-mail; a new person is created in a modal and gets the next customer number.
import { Anchor, Button, Modal, Table, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { post } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import type { Language } from '../../i18n/index.ts';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Empty, Loading, LoadError, Page } from '../../ui/Page.tsx';
import type { Person, PersonDetail } from './people.api.ts';
import { PersonForm } from './PersonForm.tsx';

export function PeoplePage() {
  const { t } = useTranslation('people');
  const { me } = useSession();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const people = useLoad<Person[]>(query ? `/api/people?search=${encodeURIComponent(query)}` : '/api/people');
  const [creating, { open, close }] = useDisclosure(false);
  const language = (me?.tenant?.language ?? 'en') as Language;

  return (
    <Page title={t('title')} actions={<Button onClick={open}>{t('new')}</Button>}>
      <TextInput type="search" label={t('search')} placeholder={t('searchHint')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={420} />
      {people.loading && !people.data ? <Loading /> : people.error ? <LoadError message={errorText(t, people.error)} /> : !people.data?.length ? <Empty /> : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('customerNumber')}</Table.Th><Table.Th>{t('name')}</Table.Th><Table.Th>{t('email')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.data.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Td ff="monospace">{person.customerNumber}</Table.Td>
                  <Table.Td><Anchor component={Link} to={`/people/${person.id}`}>{person.lastName}, {person.firstName}</Anchor></Table.Td>
                  <Table.Td>{person.email ?? '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={creating} onClose={close} title={t('new')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        <PersonForm initial={{ firstName: '', lastName: '', email: null, landline: null, mobile: null, language, companyName: null, vatId: null }}
          submitLabel={t('common:create')}
          onCancel={close} onSubmit={async (input) => {
            const person = await post<PersonDetail>('/api/people', input);
            close();
            navigate(`/people/${person.id}`);
          }} />
      </Modal>
    </Page>
  );
}
