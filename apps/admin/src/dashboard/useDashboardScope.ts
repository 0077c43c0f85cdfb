import { useCallback, useEffect, useMemo } from 'react';
import { useDataProvider, useLocation, useNavigate, usePermissions } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import type { DashboardDataProvider } from './dashboardApi';
import type { ConsolePermissions } from '../authProvider';
import { asOfMoment, isIsoDate, todayDate } from './asOf';

/** The URL parameters of the dashboard, so that a view can be shared: `#/?service=<id>&state=BB&asOf=2023-08-31`. */
export const SCOPE_PARAMS = { service: 'service', state: 'state', asOf: 'asOf', wave: 'wave' } as const;
/** `state=all`: the national view chosen explicitly (a coordinator otherwise starts on their own state). */
export const ALL_STATES = 'all';

export interface StateRef {
  id: string;
  code: string;
  name: string;
}

/** What the dashboard shows: service, state, date ("Stand"). */
export interface DashboardScope {
  /** The service asked for; undefined: the API's default (Aufenthaltstitel). */
  serviceId?: string;
  /** The rollout wave narrowed to, if any (its id). */
  waveId?: string;
  /** The state narrowed to, if any. */
  state?: StateRef;
  /** The date shown in the picker, YYYY-MM-DD (today without one). */
  date: string;
  /** The moment for the API; undefined: now. */
  asOf?: string;
  /** A past date: the lists behind the figures show today's data, not that date's. */
  isPast: boolean;
  /** The coordinator's own state (highlighted on the map), else null. */
  ownStateId: string | null;
  /** Every state, by code. */
  states: ReadonlyMap<string, StateRef>;
  /** States and permissions are known and the coordinator's default is applied. */
  ready: boolean;
  /** Changes the scope in the URL (a new history entry). null removes a parameter. */
  update: (patch: { service?: string | null; state?: string | null; asOf?: string | null; wave?: string | null }) => void;
}

/**
 * Reads and writes the dashboard's scope in the URL. A coordinator who
 * opens the dashboard without a `state` parameter is sent to their own
 * state (the URL is replaced, so Back does not bounce); `state=all`
 * switches to the national view.
 */
export function useDashboardScope(): DashboardScope {
  const location = useLocation();
  const navigate = useNavigate();
  const { permissions, isPending: permissionsPending } = usePermissions<ConsolePermissions | null>();
  // The states over a plain request (dashboardApi.ts), so the scope does not wait for the schema introspection.
  const dataProvider = useDataProvider<DashboardDataProvider>();
  const { data: stateList, isPending: statesPending } = useQuery({
    queryKey: ['dashboard', 'stateRefs'],
    queryFn: async () => (await dataProvider.getStateRefs()).data,
    staleTime: 5 * 60_000,
  });
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const states = useMemo(() => new Map((stateList ?? []).map((s) => [s.code, s])), [stateList]);
  const ownStateId = permissions?.role === 'STATE_COORDINATOR' ? (permissions.stateId ?? null) : null;
  const ownState = ownStateId ? (stateList ?? []).find((s) => s.id === ownStateId) : undefined;
  const stateParam = params.get(SCOPE_PARAMS.state);
  const needsOwnState = !stateParam && Boolean(ownState);

  const go = useCallback(
    (next: URLSearchParams, replace: boolean) => {
      const search = next.toString();
      navigate(`${location.pathname}${search ? `?${search}` : ''}`, { replace });
    },
    [navigate, location.pathname],
  );

  useEffect(() => {
    if (!needsOwnState || !ownState) return;
    const next = new URLSearchParams(params);
    next.set(SCOPE_PARAMS.state, ownState.code);
    go(next, true);
  }, [needsOwnState, ownState, params, go]);

  const update = useCallback<DashboardScope['update']>(
    (patch) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(patch) as [keyof typeof SCOPE_PARAMS, string | null | undefined][]) {
        if (value === undefined) continue;
        if (value === null || value === '') next.delete(SCOPE_PARAMS[key]);
        else next.set(SCOPE_PARAMS[key], value);
      }
      // A coordinator's "no state" is their own state: the national view needs saying.
      if (ownStateId && !next.get(SCOPE_PARAMS.state)) next.set(SCOPE_PARAMS.state, ALL_STATES);
      go(next, false);
    },
    [params, go, ownStateId],
  );

  const dateParam = params.get(SCOPE_PARAMS.asOf);
  const today = todayDate();
  const date = isIsoDate(dateParam) && dateParam < today ? dateParam : today;
  const asOf = asOfMoment(date);
  return {
    serviceId: params.get(SCOPE_PARAMS.service) ?? undefined,
    waveId: params.get(SCOPE_PARAMS.wave) ?? undefined,
    state: stateParam && stateParam !== ALL_STATES ? states.get(stateParam) : undefined,
    date,
    asOf,
    isPast: asOf !== undefined,
    ownStateId,
    states,
    ready: !permissionsPending && !statesPending && !needsOwnState,
    update,
  };
}
