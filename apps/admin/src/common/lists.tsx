import { Card, CardContent } from '@mui/material';
import type { ReactNode } from 'react';
import { FilterList, FilterListItem, SavedQueriesList, useGetIdentity, useTranslate } from 'react-admin';
import { enumChoices, type EnumName } from './enums';

/**
 * The lists' sidebar: the user's saved queries (react-admin keeps them in
 * its store, per resource) and quick filters.
 */
export const ListAside = ({ children }: { children?: ReactNode }) => (
  <Card sx={{ order: -1, mr: 2, mt: 2, width: 220, flexShrink: 0, display: { xs: 'none', md: 'block' } }}>
    <CardContent sx={{ pt: 1 }}>
      <SavedQueriesList />
      {children}
    </CardContent>
  </Card>
);

/** A FilterList with one item per value of an enum. */
export const EnumFilterList = ({ source, enumName, label, icon, multiple }: { source: string; enumName: EnumName; label: string; icon: ReactNode; multiple?: boolean }) => {
  const translate = useTranslate();
  return (
    <FilterList label={label} icon={icon}>
      {enumChoices(enumName).map((choice) => (
        <FilterListItem
          key={choice.id}
          label={translate(choice.name, { _: choice.id })}
          value={{ [source]: multiple ? [choice.id] : choice.id }}
        />
      ))}
    </FilterList>
  );
};

/** Identity as the authProvider returns it (`me`). */
export interface ConsoleUser {
  id: string;
  role: string;
  stateId?: string | null;
}

/**
 * The default filter of a list of a state's data: a state coordinator sees
 * their own state preselected. `ready` is false while the identity loads
 * (the list reads its default filter once, on mount).
 */
export function useStateFilterDefault(): { ready: boolean; defaults: Record<string, unknown> } {
  const { identity, isPending } = useGetIdentity();
  const user = identity as ConsoleUser | undefined;
  if (isPending) return { ready: false, defaults: {} };
  return { ready: true, defaults: user?.role === 'STATE_COORDINATOR' && user.stateId ? { stateId: user.stateId } : {} };
}

/** The signed-in user's role and state (undefined while loading). */
export function useConsoleUser(): ConsoleUser | undefined {
  const { identity } = useGetIdentity();
  return identity as ConsoleUser | undefined;
}
