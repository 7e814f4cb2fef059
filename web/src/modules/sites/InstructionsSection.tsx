// The printable instructions of a site's laundry rooms and garages: one PDF per room, a page per
// language the site prints in, to hang beside the terminal or the charger.
import { Anchor, List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { useLoad } from '../../ui/load.ts';
import type { Unit } from '../units/units.api.ts';
import type { Site } from './sites.api.ts';

export function InstructionsSection({ site }: { site: Site }) {
  const { t } = useTranslation('sites');
  const units = useLoad<Unit[]>(`/api/sites/${site.id}/units`);
  const rooms = (units.data ?? []).filter((u) => u.kind === 'laundry_room' || u.kind === 'garage');
  if (rooms.length === 0) return null;

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">{t('instructions')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('instructionsHint', { languages: site.languages.map((l) => LANGUAGE_NAMES[l]).join(', ') })}</Text>
      <List spacing={4}>
        {rooms.map((room) => (
          <List.Item key={room.id}>
            <Anchor href={`/api/sites/${site.id}/units/${room.id}/instructions.pdf`} download aria-label={t('printInstructionsOf', { room: room.label })}>
              {t('printInstructions')}
            </Anchor>{' '}– {room.label}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
