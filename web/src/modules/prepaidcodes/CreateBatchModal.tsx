// A new batch of prepaid codes: product, how many, for a key pack the keys per code, a label.
// The answer carries the codes, which are shown this once (only their hashes are kept), with a
// clear warning and a CSV file to download.
import { Alert, Button, Code, Group, Modal, NumberInput, ScrollArea, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { errorText, fieldErrors } from '../../ui/errors.ts';
import { saveText } from '../../ui/save.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import type { Product } from '../locks/locks.api.ts';
import { codesCsv, PRODUCTS, type BatchCreated } from './prepaidcodes.api.ts';

function download(created: BatchCreated) {
  saveText(`prepaid-codes-${created.batch.product}-${created.batch.createdAt.slice(0, 10)}.csv`, codesCsv(created));
}

export function CreateBatchModal({ onClose, onCreated }: { onClose(): void; onCreated(): Promise<void> }) {
  const { t } = useTranslation('prepaidcodes');
  const [product, setProduct] = useState<Product>('management_5y');
  const [quantity, setQuantity] = useState<number | string>(10);
  const [keysPerCode, setKeysPerCode] = useState<number | string>(50);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<BatchCreated | null>(null);
  const { busy, error, submit } = useSubmit(t, async () => {
    const result = await post<BatchCreated>('/api/operator/prepaid-code-batches', {
      product, quantity: Number(quantity), ...(product === 'key_pack' && { keysPerCode: Number(keysPerCode) }), ...(label.trim() && { label: label.trim() }),
    });
    setCreated(result);
    await onCreated();
  });
  const fields = fieldErrors(t, error);

  if (created) {
    return (
      <Modal opened onClose={onClose} title={t('codes.title', { count: created.codes.length })} size="lg" closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common:close') }}>
        <Stack>
          <Alert color="orange" role="alert" title={t('codes.warningTitle')}>{t('codes.warning')}</Alert>
          <ScrollArea.Autosize mah={320}>
            <Code block aria-label={t('codes.list')}>{created.codes.join('\n')}</Code>
          </ScrollArea.Autosize>
          <Group justify="space-between">
            <Button onClick={() => download(created)}>{t('codes.download')}</Button>
            <Button variant="default" onClick={onClose}>{t('codes.done')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('create.title')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error !== null && <Alert color="red" role="alert">{errorText(t, error)}</Alert>}
          <Select label={t('fields.product')} required allowDeselect={false} value={product} onChange={(v) => v && setProduct(v as Product)} error={fields.product}
            data={PRODUCTS.map((p) => ({ value: p, label: t(`products.${p}`) }))} />
          <NumberInput label={t('fields.quantity')} required min={1} max={10_000} allowDecimal={false} value={quantity} onChange={setQuantity} error={fields.quantity} />
          {product === 'key_pack' && (
            <NumberInput label={t('fields.keysPerCode')} required min={1} max={2500} allowDecimal={false} value={keysPerCode} onChange={setKeysPerCode} error={fields.keysPerCode} />
          )}
          <TextInput label={t('fields.label')} maxLength={200} value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={fields.label}
            placeholder={t('create.labelPlaceholder')} />
          <Text size="sm" c="dimmed">{t('create.hint')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!Number(quantity)}>{t('create.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
