import type { ReactNode } from 'react';
import { CreateButton, FilterButton, TopToolbar, useFilterContext, useResourceDefinition } from 'react-admin';
import { ExportMenu } from './ExportMenu';

/**
 * The lists' toolbar: react-admin's default (filter button, create button
 * where the resource has a create view and the role may create) with the
 * console's export menu in place of react-admin's ExportButton.
 * `children` go before the export (extra actions of a list).
 */
export const ListActions = ({ children, create = true }: { children?: ReactNode; create?: boolean }) => {
  const { hasCreate } = useResourceDefinition();
  const filters = useFilterContext();
  return (
    <TopToolbar>
      {filters && filters.length > 0 && <FilterButton />}
      {create && hasCreate && <CreateButton />}
      {children}
      <ExportMenu />
    </TopToolbar>
  );
};
