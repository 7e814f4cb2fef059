// Previous / next paging under a list. With `pages` known it says "page 2 of 5", else "page 2".
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  page: number;
  onPage(page: number): void;
  hasNext: boolean;
  pages?: number;
}

export function Pager({ page, onPage, hasNext, pages }: Props) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="sm" component="nav" aria-label={t('pager.label')}>
      <Button variant="default" size="xs" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('pager.previous')}</Button>
      <Text size="sm">{pages ? t('pager.pageOf', { page, pages }) : t('pager.page', { page })}</Text>
      <Button variant="default" size="xs" disabled={!hasNext} onClick={() => onPage(page + 1)}>{t('pager.next')}</Button>
    </Group>
  );
}
