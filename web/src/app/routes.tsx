// Every page of the portal. Public pages stand outside the layout; the rest need a session.
import { Center, Loader, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { LoginPage } from '../modules/auth/LoginPage.tsx';
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
      <Route element={<RequireSession><Layout /></RequireSession>}>
        <Route index element={<Home />} />
        {/* pages behind login: add here */}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
