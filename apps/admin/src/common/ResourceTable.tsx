import { DataTable, type DataTableProps } from 'react-admin';

/**
 * The lists' table: a row opens the record's show view, wide tables scroll
 * sideways inside their card (the page keeps its width, so the pagination
 * stays in view), and no bulk actions while the console is read-only (the
 * console issue switches them on together with the edit views).
 * Columns are DataTable.Col / DataTable.NumberCol children as usual.
 */
export const ResourceTable = ({ sx, ...props }: DataTableProps) => (
  <DataTable
    rowClick="show"
    bulkActionButtons={false}
    sx={[{ '& .RaDataTable-tableWrapper': { overflowX: 'auto' } }, ...(Array.isArray(sx) ? sx : [sx])]}
    {...props}
  />
);
