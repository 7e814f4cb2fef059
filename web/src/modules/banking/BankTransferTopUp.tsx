// Top up by bank transfer: the account, the resident's permanent payment reference (copyable) and
// the payment slip with its QR code as PDF. Transfers with the reference are credited on import.
import { ActionIcon, Alert, Anchor, Card, Code, CopyButton, Group, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errors.ts';
import { useLoad } from '../../ui/load.ts';
import { Loading } from '../../ui/Page.tsx';
import type { BankDetails } from './banking.api.ts';

/** Two overlapping sheets / a check mark; inline so no icon font or package is needed. */
function CopyIcon({ copied }: { copied: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {copied ? <path d="M5 12l5 5L20 7" /> : <><rect x="9" y="9" width="11" height="11" rx="2" /><path d="M5 15V5a2 2 0 0 1 2-2h8" /></>}
    </svg>
  );
}

function Copyable({ label, value, shown }: { label: string; value: string; shown?: string }) {
  const { t } = useTranslation('banking');
  return (
    <div>
      <Text size="sm" c="dimmed">{label}</Text>
      <Group gap={4} wrap="nowrap">
        <Code fz="md" style={{ overflowWrap: 'anywhere' }}>{shown ?? value}</Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('copied') : t('copy')} withArrow>
              <ActionIcon variant="subtle" onClick={copy} aria-label={t('copyWhat', { what: label })} color={copied ? 'teal' : undefined}><CopyIcon copied={copied} /></ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </div>
  );
}

export function BankTransferTopUp() {
  const { t } = useTranslation('banking');
  const details = useLoad<BankDetails>('/api/wallet/bank-details');
  const d = details.data;
  return (
    <Card withBorder>
      <Stack>
        <Title order={3} size="h4">{t('transfer.title')}</Title>
        {details.loading && !d ? <Loading /> : details.error ? (
          <Alert color={details.error.code === 'banking.no_bank_account' ? 'blue' : 'red'} role="alert">{errorText(t, details.error)}</Alert>
        ) : d && (
          <>
            <Text size="sm" c="dimmed">{t('transfer.hint')}</Text>
            <Copyable label={t('transfer.reference')} value={d.reference} shown={d.referenceFormatted} />
            <Copyable label={t('transfer.iban')} value={d.iban.replace(/\s/g, '')} shown={d.iban.replace(/(.{4})(?=.)/g, '$1 ')} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              {d.bic && <div><Text size="sm" c="dimmed">{t('transfer.bic')}</Text><Text>{d.bic}</Text></div>}
              <div>
                <Text size="sm" c="dimmed">{t('transfer.creditor')}</Text>
                <Text>{d.creditor.name}</Text>
                <Text size="sm">{d.creditor.street}, {d.creditor.postalCode} {d.creditor.city}</Text>
              </div>
            </SimpleGrid>
            <Text size="sm">{t('transfer.referenceImportant')}</Text>
            <Anchor href="/api/wallet/slip.pdf" target="_blank" rel="noopener">{t('transfer.slip')}</Anchor>
          </>
        )}
      </Stack>
    </Card>
  );
}
