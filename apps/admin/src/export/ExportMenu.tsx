import DownloadIcon from '@mui/icons-material/Download';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { useCanAccess, useDataProvider, useListContext, useLocaleState, useNotify, useTranslate, type GetListParams } from 'react-admin';
import { useIntlLocale } from '../common/useIntlLocale';
import type { SessionDataProvider } from '../dataProvider';
import { EXPORTS } from './definitions';
import { ExportCancelled, type ListSource, type Progress } from './fetch';
import { downloadBlob, runExport, type ExportFormat } from './run';

/**
 * The lists' export, in place of react-admin's ExportButton: "Exportieren"
 * opens a menu (CSV, Excel), and the chosen file holds every row matching
 * the list's current filters and sort (fetched 1,000 at a time, with a
 * progress dialog that can cancel), with the columns of the list's export
 * definition (definitions.ts) in the console's language. Shown to whoever
 * may read the list (canAccess `export` = the list's query).
 */
export const ExportMenu = () => {
  const { resource, filterValues, sort, total } = useListContext();
  const definition = resource ? EXPORTS[resource] : undefined;
  const { canAccess } = useCanAccess({ action: 'export', resource });
  const dataProvider = useDataProvider<SessionDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const intlLocale = useIntlLocale();
  const notify = useNotify();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const abort = useRef<AbortController | null>(null);

  if (!definition || !canAccess) return null;
  const listName = translate(definition.title, { smart_count: 2 });

  const start = async (format: ExportFormat) => {
    setAnchor(null);
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ phase: 'rows', loaded: 0, total: total ?? 0 });
    try {
      const result = await runExport({
        // past the GraphQL client's cache: thousands of rows are read once and written to a file
        source: { getList: (name, params) => dataProvider.getListUncached(name, params as GetListParams) } as ListSource,
        resource,
        definition,
        filter: filterValues ?? {},
        sort: sort ?? { field: 'id', order: 'ASC' },
        format,
        locale: locale === 'en' ? 'en' : 'de',
        translate: (key, options) => translate(key, options),
        signal: controller.signal,
        onProgress: (p) => {
          if (!controller.signal.aborted) setProgress(p);
        },
      });
      if (controller.signal.aborted) throw new ExportCancelled();
      downloadBlob(result.blob, result.fileName);
      notify('listExport.done', { type: 'success', messageArgs: { smart_count: result.rows } });
    } catch (error) {
      if (error instanceof ExportCancelled) notify('listExport.cancelled', { type: 'info' });
      else notify('listExport.failed', { type: 'error', messageArgs: { message: error instanceof Error ? error.message : String(error) } });
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const number = new Intl.NumberFormat(intlLocale);
  const status =
    progress?.phase === 'rows'
      ? translate('listExport.rows', { loaded: number.format(progress.loaded), total: number.format(progress.total) })
      : progress?.phase === 'references'
        ? translate('listExport.references')
        : translate('listExport.file');

  return (
    <>
      <Button
        size="small"
        startIcon={<DownloadIcon />}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        disabled={total === 0 || progress !== null}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {translate('ra.action.export')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <Box sx={{ px: 2, pb: 1, maxWidth: 320 }}>
          <Typography variant="caption" color="text.secondary">
            {translate('listExport.hint')}
          </Typography>
        </Box>
        <MenuItem onClick={() => void start('csv')}>
          <ListItemText>{translate('listExport.csv')}</ListItemText>
        </MenuItem>
        <MenuItem onClick={() => void start('xlsx')}>
          <ListItemText>{translate('listExport.xlsx')}</ListItemText>
        </MenuItem>
      </Menu>
      <Dialog open={progress !== null} aria-labelledby="list-export-title" fullWidth maxWidth="xs">
        <DialogTitle id="list-export-title">{translate('listExport.title', { name: listName })}</DialogTitle>
        <DialogContent>
          <LinearProgress
            variant={progress?.phase === 'rows' && progress.total > 0 ? 'determinate' : 'indeterminate'}
            value={progress && progress.total > 0 ? Math.min(100, (100 * progress.loaded) / progress.total) : 0}
            aria-label={status}
          />
          <Typography variant="body2" sx={{ mt: 1 }} data-testid="list-export-status">
            {status}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => abort.current?.abort()}>{translate('ra.action.cancel')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
