// Which badge from stock staff hand out: the next free one, or the one in their hand, found by
// its printed label or its UID.
import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type StockMode = 'next' | 'label' | 'uid';
export interface StockChoiceState { mode: StockMode; value: string }
export const initialStockChoice: StockChoiceState = { mode: 'next', value: '' };

/** What the API takes: `{}` for the next free badge, else the label or UID typed. */
export function stockChoiceBody(choice: StockChoiceState): { label?: string; uid?: string } {
  const value = choice.value.trim();
  if (choice.mode === 'label' && value) return { label: value };
  if (choice.mode === 'uid' && value) return { uid: value };
  return {};
}
export const stockChoiceReady = (choice: StockChoiceState) => choice.mode === 'next' || choice.value.trim() !== '';

export function StockChoiceFields({ value, onChange, error }: { value: StockChoiceState; onChange(next: StockChoiceState): void; error?: string }) {
  const { t } = useTranslation('credentials');
  return (
    <Group align="flex-end" wrap="wrap">
      <SegmentedControl aria-label={t('stock.which')} value={value.mode} onChange={(mode) => onChange({ mode: mode as StockMode, value: '' })}
        data={(['next', 'label', 'uid'] as const).map((m) => ({ value: m, label: t(`stock.${m}`) }))} />
      {value.mode !== 'next' && (
        <TextInput aria-label={t(`stock.${value.mode}`)} placeholder={value.mode === 'label' ? 'ID*…*1234' : '04A224B2C35E80'} value={value.value}
          onChange={(e) => onChange({ ...value, value: e.currentTarget.value })} error={error} styles={{ input: { fontFamily: 'monospace' } }} w={{ base: '100%', xs: 240 }} />
      )}
    </Group>
  );
}
