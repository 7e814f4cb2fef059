// Which pages each role sees in the menu. Labels are keys of the `common` namespace.
import { isManager, isOperator, type Me } from './session.tsx';

export interface NavItem { to: string; label: string }

export function navigationFor(me: Me | null): NavItem[] {
  const items: NavItem[] = [];
  if (isOperator(me)) {
    items.push({ to: '/operator/tenants', label: 'nav.tenants' }, { to: '/operator/outbox', label: 'nav.outbox' }, { to: '/operator/badge-stock', label: 'nav.badgeStock' },
      { to: '/operator/settlements', label: 'nav.settlements' }, { to: '/operator/contracts', label: 'nav.contracts' },
      { to: '/operator/prepaid-codes', label: 'nav.prepaidCodes' }, { to: '/operator/lock-stock', label: 'nav.lockStock' });
  }
  if (isManager(me)) {
    items.push(
      { to: '/sites', label: 'nav.sites' },
      { to: '/devices', label: 'nav.devices' },
      { to: '/meters', label: 'nav.meters' },
      { to: '/alarms', label: 'nav.alarms' },
      { to: '/people', label: 'nav.people' },
      { to: '/staff', label: 'nav.staff' },
      { to: '/invitations', label: 'nav.invitations' },
      { to: '/access-requests', label: 'nav.accessRequests' },
      { to: '/sessions', label: 'nav.sessions' },
      { to: '/wallets', label: 'nav.wallets' },
      // An owner that bills its residents itself gets statements of their consumption instead of invoices.
      me?.tenant?.operatingMode === 'owner_statements' ? { to: '/billing/statements', label: 'nav.statements' } : { to: '/billing/invoices', label: 'nav.invoices' },
      { to: '/billing/settlements', label: 'nav.settlements' },
      { to: '/bank-import', label: 'nav.bankImport' },
      { to: '/badges', label: 'nav.badges' },
      { to: '/badge-stock', label: 'nav.badgeStock' },
      { to: '/locks', label: 'nav.locks' },
      { to: '/lock-event-settings', label: 'nav.lockEventSettings' },
      { to: '/refunds', label: 'nav.refunds' },
      { to: '/tickets', label: 'nav.tickets' },
      { to: '/audit', label: 'nav.audit' },
    );
    if (me?.role === 'manager_admin') items.push({ to: '/api-tokens', label: 'nav.apiTokens' }, { to: '/settings/bank-account', label: 'nav.bankAccount' });
  }
  if (me?.role === 'lock_owner') items.push({ to: '/locks', label: 'nav.locks' }, { to: '/lock-account', label: 'nav.lockAccount' });
  if (me?.role === 'technician') items.push({ to: '/sites', label: 'nav.sites' });
  if (me?.role === 'technician') items.push({ to: '/devices', label: 'nav.devices' });
  if (me?.role === 'technician') items.push({ to: '/tickets', label: 'nav.tickets' });
  if (me?.role === 'resident') items.push({ to: '/home', label: 'nav.home' }, { to: '/laundry', label: 'nav.laundry' }, { to: '/my-consumption', label: 'nav.myConsumption' }, { to: '/alarms', label: 'nav.alarms' }, { to: '/wallet', label: 'nav.wallet' }, { to: '/invoices', label: 'nav.invoices' }, { to: '/my-badges', label: 'nav.myBadges' });
  if (me?.role === 'resident') items.push({ to: '/tickets', label: 'nav.service' });
  items.push({ to: '/security', label: 'nav.security' });
  return items;
}

export function homeFor(me: Me | null): string {
  return navigationFor(me)[0]?.to ?? '/security';
}
