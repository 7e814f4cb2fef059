// Every page of the portal. Public pages stand outside the layout; the rest need a session.
import { Center, Loader, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AcceptInvitationPage } from '../modules/auth/AcceptInvitationPage.tsx';
import { ConfirmEmailPage } from '../modules/auth/ConfirmEmailPage.tsx';
import { ForgotPasswordPage } from '../modules/auth/ForgotPasswordPage.tsx';
import { LoginPage } from '../modules/auth/LoginPage.tsx';
import { RequestAccessPage } from '../modules/auth/RequestAccessPage.tsx';
import { ResetPasswordPage } from '../modules/auth/ResetPasswordPage.tsx';
import { SecondFactorPage } from '../modules/auth/SecondFactorPage.tsx';
import { HomePage } from '../modules/home/HomePage.tsx';
import { InvoiceDetailPage } from '../modules/invoices/InvoiceDetailPage.tsx';
import { InvoicesPage } from '../modules/invoices/InvoicesPage.tsx';
import { StaffInvoicesPage } from '../modules/invoices/StaffInvoicesPage.tsx';
import { ContractsPage } from '../modules/settlements/ContractsPage.tsx';
import { OperatorSettlementsPage } from '../modules/settlements/OperatorSettlementsPage.tsx';
import { SettlementDetailPage } from '../modules/settlements/SettlementDetailPage.tsx';
import { SettlementsPage } from '../modules/settlements/SettlementsPage.tsx';
import { StatementsPage } from '../modules/statements/StatementsPage.tsx';
import { SecurityPage } from '../modules/security/SecurityPage.tsx';
import { DeleteAccountPage } from '../modules/privacy/DeleteAccountPage.tsx';
import { NotificationsPage } from '../modules/notifications/NotificationsPage.tsx';
import { ApiTokensPage } from '../modules/apitokens/ApiTokensPage.tsx';
import { AuditPage } from '../modules/audit/AuditPage.tsx';
import { AccessRequestsPage } from '../modules/invitations/AccessRequestsPage.tsx';
import { InvitationsPage } from '../modules/invitations/InvitationsPage.tsx';
import { OutboxPage } from '../modules/mail/OutboxPage.tsx';
import { PeoplePage } from '../modules/people/PeoplePage.tsx';
import { PersonDetailPage } from '../modules/people/PersonDetailPage.tsx';
import { SiteDetailPage } from '../modules/sites/SiteDetailPage.tsx';
import { SitesPage } from '../modules/sites/SitesPage.tsx';
import { DevicesPage } from '../modules/devices/DevicesPage.tsx';
import { DeviceDetailPage } from '../modules/devices/DeviceDetailPage.tsx';
import { AlarmsPage } from '../modules/alarms/AlarmsPage.tsx';
import { MeterPage } from '../modules/metering/MeterPage.tsx';
import { MetersPage } from '../modules/metering/MetersPage.tsx';
import { MyConsumptionPage } from '../modules/metering/MyConsumptionPage.tsx';
import { TariffsPage } from '../modules/tariffs/TariffsPage.tsx';
import { StaffPage } from '../modules/staff/StaffPage.tsx';
import { TenantDetailPage } from '../modules/tenancy/TenantDetailPage.tsx';
import { TenantsPage } from '../modules/tenancy/TenantsPage.tsx';
import { BankAccountPage } from '../modules/banking/BankAccountPage.tsx';
import { BankImportPage } from '../modules/bankimport/BankImportPage.tsx';
import { BadgeStockPage } from '../modules/badgestock/BadgeStockPage.tsx';
import { OperatorBadgeStockPage } from '../modules/badgestock/OperatorBadgeStockPage.tsx';
import { BadgesPage } from '../modules/credentials/BadgesPage.tsx';
import { MyBadgesPage } from '../modules/credentials/MyBadgesPage.tsx';
import { RefundsPage } from '../modules/refunds/RefundsPage.tsx';
import { WalletDetailPage } from '../modules/wallets/WalletDetailPage.tsx';
import { WalletPage } from '../modules/wallets/WalletPage.tsx';
import { WalletsPage } from '../modules/wallets/WalletsPage.tsx';
import { LaundryPage } from '../modules/sessions/LaundryPage.tsx';
import { ReceiptsPage } from '../modules/sessions/ReceiptsPage.tsx';
import { SessionReceiptPage } from '../modules/sessions/SessionReceiptPage.tsx';
import { StaffSessionsPage } from '../modules/sessions/StaffSessionsPage.tsx';
import { LockAccountPage } from '../modules/locks/LockAccountPage.tsx';
import { LockDetailPage } from '../modules/locks/LockDetailPage.tsx';
import { LockEventSettingsPage } from '../modules/locks/LockEventSettingsPage.tsx';
import { LocksPage } from '../modules/locks/LocksPage.tsx';
import { OperatorLockStockPage } from '../modules/locks/OperatorLockStockPage.tsx';
import { BatchDetailPage } from '../modules/prepaidcodes/BatchDetailPage.tsx';
import { PrepaidCodesPage } from '../modules/prepaidcodes/PrepaidCodesPage.tsx';
import { NewTicketPage } from '../modules/tickets/NewTicketPage.tsx';
import { TicketDetailPage } from '../modules/tickets/TicketDetailPage.tsx';
import { TicketsPage } from '../modules/tickets/TicketsPage.tsx';
import { Layout } from './Layout.tsx';
import { homeFor } from './navigation.ts';
import { useSession } from './session.tsx';

function RequireSession({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Center h="100vh"><Loader aria-label="loading" /></Center>;
  if (!me || me.secondFactorPending) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

function NotFound() {
  const { t } = useTranslation();
  return <Title order={2}>{t('notFound')}</Title>;
}

function Home() {
  const { me } = useSession();
  return <Navigate to={homeFor(me)} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* public pages: add here */}
      <Route path="/second-factor" element={<SecondFactorPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      <Route path="/confirm-email" element={<ConfirmEmailPage />} />
      <Route path="/request-access" element={<RequestAccessPage />} />
      <Route path="/delete-account" element={<DeleteAccountPage />} />
      <Route element={<RequireSession><Layout /></RequireSession>}>
        <Route index element={<Home />} />
        {/* pages behind login: add here */}
        <Route path="/laundry" element={<LaundryPage />} />
        <Route path="/laundry/sessions" element={<ReceiptsPage />} />
        <Route path="/laundry/sessions/:id" element={<SessionReceiptPage />} />
        <Route path="/sessions" element={<StaffSessionsPage />} />
        <Route path="/invoices" element={<InvoicesPage />} />
        <Route path="/invoices/:id" element={<InvoiceDetailPage />} />
        <Route path="/billing/invoices" element={<StaffInvoicesPage />} />
        <Route path="/billing/invoices/:id" element={<InvoiceDetailPage />} />
        <Route path="/billing/settlements" element={<SettlementsPage />} />
        <Route path="/billing/statements" element={<StatementsPage />} />
        <Route path="/billing/settlements/:id" element={<SettlementDetailPage />} />
        <Route path="/wallet" element={<WalletPage />} />
        <Route path="/wallet/top-ups/:paymentId" element={<WalletPage />} />
        <Route path="/wallets" element={<WalletsPage />} />
        <Route path="/wallets/:personId" element={<WalletDetailPage />} />
        <Route path="/bank-import" element={<BankImportPage />} />
        <Route path="/badge-stock" element={<BadgeStockPage />} />
        <Route path="/badges" element={<BadgesPage />} />
        <Route path="/my-badges" element={<MyBadgesPage />} />
        <Route path="/refunds" element={<RefundsPage />} />
        <Route path="/settings/bank-account" element={<BankAccountPage />} />
        <Route path="/sites" element={<SitesPage />} />
        <Route path="/sites/:id" element={<SiteDetailPage />} />
        <Route path="/sites/:id/tariffs" element={<TariffsPage />} />
        <Route path="/devices" element={<DevicesPage />} />
        <Route path="/devices/:id" element={<DeviceDetailPage />} />
        <Route path="/meters" element={<MetersPage />} />
        <Route path="/meters/:id" element={<MeterPage />} />
        <Route path="/my-consumption" element={<MyConsumptionPage />} />
        <Route path="/my-consumption/:id" element={<MeterPage />} />
        <Route path="/alarms" element={<AlarmsPage />} />
        <Route path="/people" element={<PeoplePage />} />
        <Route path="/people/:id" element={<PersonDetailPage />} />
        <Route path="/staff" element={<StaffPage />} />
        <Route path="/invitations" element={<InvitationsPage />} />
        <Route path="/access-requests" element={<AccessRequestsPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/api-tokens" element={<ApiTokensPage />} />
        <Route path="/operator/tenants" element={<TenantsPage />} />
        <Route path="/operator/tenants/:id" element={<TenantDetailPage />} />
        <Route path="/operator/outbox" element={<OutboxPage />} />
        <Route path="/operator/badge-stock" element={<OperatorBadgeStockPage />} />
        <Route path="/operator/settlements" element={<OperatorSettlementsPage />} />
        <Route path="/operator/contracts" element={<ContractsPage />} />
        <Route path="/locks" element={<LocksPage />} />
        <Route path="/locks/:id" element={<LockDetailPage />} />
        <Route path="/lock-account" element={<LockAccountPage />} />
        <Route path="/lock-event-settings" element={<LockEventSettingsPage />} />
        <Route path="/operator/lock-stock" element={<OperatorLockStockPage />} />
        <Route path="/operator/prepaid-codes" element={<PrepaidCodesPage />} />
        <Route path="/operator/prepaid-codes/:id" element={<BatchDetailPage />} />
        <Route path="/tickets" element={<TicketsPage />} />
        <Route path="/tickets/new" element={<NewTicketPage />} />
        <Route path="/tickets/:id" element={<TicketDetailPage />} />
        <Route path="/home" element={<HomePage />} />
        <Route path="/security" element={<SecurityPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
