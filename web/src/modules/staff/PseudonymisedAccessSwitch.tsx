// One staff member's pseudonymised usage data (the settlement contract's paid option): the admin
// grants it to at most `limit` admins or office staff; technicians read no usage data at all.
import { Switch } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readsUsageData, type PseudonymisedAccessOverview, type StaffMember } from './staff.api.ts';

interface Props {
  member: StaffMember;
  access: PseudonymisedAccessOverview;
  /** Only the admin grants and withdraws. */
  admin: boolean;
  onChange(granted: boolean): Promise<unknown>;
}

export function PseudonymisedAccessSwitch({ member, access, admin, onChange }: Props) {
  const { t } = useTranslation('staff');
  const [busy, setBusy] = useState(false);
  const granted = member.pseudonymisedAccess;
  const full = !granted && access.userIds.length >= access.limit;
  const office = readsUsageData(member.role);
  // Why the switch cannot be turned on, said beside it rather than only in a tooltip.
  const reason = !office ? t('pseudonymised.notForTechnicians') : full ? t('pseudonymised.limitReached', { limit: access.limit }) : undefined;
  return (
    <Switch size="sm" aria-label={t('pseudonymisedOf', { name: member.displayName })} checked={office && granted}
      disabled={!admin || !office || full || busy} description={reason}
      onChange={async (event) => {
        setBusy(true);
        try { await onChange(event.currentTarget.checked); } finally { setBusy(false); }
      }} />
  );
}
