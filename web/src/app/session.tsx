// The logged-in user as the server sees it (GET /api/me), shared with every page.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, get, post, setCsrfToken } from '../api.ts';
import { changeLanguage, LANGUAGES, type Language } from '../i18n/index.ts';

export type TenantRole = 'manager_admin' | 'manager_staff' | 'resident' | 'technician' | 'lock_owner';

export interface Me {
  user: { id: string; email: string; displayName: string; language: Language; landline: string | null; mobile: string | null; twoFactorEnabled: boolean };
  platformRole: 'operator_admin' | null;
  role: TenantRole | null;
  personId: string | null;
  customerNumber: string | null;
  tenant: { id: string; name: string; currency: string; country: string; language: Language; shortCode: string; operatingMode: 'platform_billing' | 'owner_statements'; timeZone: string } | null;
  memberships: { tenantId: string; tenantName: string; role: TenantRole }[];
  csrfToken: string | null;
  secondFactorPending: boolean;
}

interface SessionState {
  me: Me | null;
  loading: boolean;
  refresh(): Promise<Me | null>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const current = await get<Me>('/api/me');
      setCsrfToken(current.csrfToken);
      setMe(current);
      if (!localStorage.getItem('language') && (LANGUAGES as readonly string[]).includes(current.user.language)) changeLanguage(current.user.language);
      return current;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  const logout = useCallback(async () => {
    await post('/api/auth/logout');
    setCsrfToken(null);
    setMe(null);
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);
  return <SessionContext.Provider value={{ me, loading, refresh, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

export const isManager = (me: Me | null) => me?.role === 'manager_admin' || me?.role === 'manager_staff';
export const isOperator = (me: Me | null) => me?.platformRole === 'operator_admin';
