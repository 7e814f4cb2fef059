// The "Your data" tab of the security page: a person's rights on their own data (docs/PRIVACY.md).
import { Stack } from '@mantine/core';
import { AccountDeletion } from './AccountDeletion.tsx';
import { DataExport } from './DataExport.tsx';

export function YourData() {
  return <Stack><DataExport /><AccountDeletion /></Stack>;
}
