import { IMPORT_KEY_FIELDS, isErrorAction, type ColumnMapping, type ImportAction, type ImportRowReport, type ImportTarget } from '@efa/domain';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { AccessDenied, Link, Loading, Title, useLocaleState, useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import { refusalOf, type RefusalItem } from '../common/apiErrors';
import { localizeCoded } from '../common/codedMessages';
import { useIntlLocale } from '../common/useIntlLocale';
import { useRefusalText } from '../common/useRefusalText';
import { useMayImport } from './useMayImport';
import { ImportRequestError, runImport, type ImportProgress } from './importApi';
import {
  ACTIONS,
  blockingRows,
  completeMapping,
  delimiterKey,
  encodingKey,
  fieldsOf,
  filterRows,
  formatBytes,
  importTargets,
  importedIds,
  isKeyField,
  isMappingIssue,
  isSpreadsheetName,
  mappingIssues,
  refusedHeaders,
  mayApply,
  recordsListPath,
  resourceOf,
  sameMapping,
  valueText,
  withColumn,
  type ImportReport,
  type MappingSource,
} from './logic';

type Translate = ReturnType<typeof useTranslate>;

const STEP_KEYS = ['file', 'mapping', 'dry_run', 'apply'] as const;

const ACTION_COLOR: Record<ImportAction, 'success' | 'info' | 'default' | 'error' | 'warning'> = {
  CREATE: 'success',
  UPDATE: 'info',
  UNCHANGED: 'default',
  ERROR: 'error',
  AMBIGUOUS: 'warning',
  DUPLICATE: 'default',
};

/** How many bytes of a CSV file are looked at for its header row when the API could not map it (as the API's own sample). */

const fieldLabel = (translate: Translate, target: string, field: string) => translate(`import.fields.${target}.${field}`, { _: field });
const targetLabel = (translate: Translate, target: string) => translate(`import.targets.${target}`, { _: target });

/**
 * Import: 1. choose the target and a CSV/XLSX file, 2. map its columns to the
 * target's fields (preselected from the API's saved or suggested mapping),
 * 3. the dry run's report per row, 4. apply after confirmation, then the
 * result with links to the records. Every request sends the File itself as
 * the body and reads the streamed answer (upload and row progress).
 */
const ImportPage = () => {
  const translate = useTranslate();
  const may = useMayImport();
  const logoutIfDenied = useLogoutIfAccessDenied();
  const targets = importTargets();

  const [step, setStep] = useState(0);
  const [target, setTarget] = useState<ImportTarget>(targets[0]);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [mappingSource, setMappingSource] = useState<MappingSource | 'none'>('suggested');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [skipErrors, setSkipErrors] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [failure, setFailure] = useState<{ message: string; items: RefusalItem[] } | null>(null);
  const running = useRef<{ abort(): void } | null>(null);
  // Leaving the page stops a running upload (a dry run then rolls back on the server).
  useEffect(() => () => running.current?.abort(), []);

  if (may === null) return <Loading />;
  if (!may) return <AccessDenied />;

  const send = async (options: { dryRun: boolean; skipErrors?: boolean; mapping?: ColumnMapping | null }): Promise<ImportReport | null> => {
    if (!file) return null;
    setFailure(null);
    setProgress({ uploaded: 0, total: file.size, rows: 0, bytesRead: 0 });
    const run = runImport(file, target, options, setProgress);
    running.current = run;
    try {
      return await run.promise;
    } catch (error) {
      if (error instanceof ImportRequestError && error.message === 'aborted') return null;
      await logoutIfDenied(error).catch(() => undefined);
      const refusal = refusalOf(error);
      const unreachable = error instanceof ImportRequestError && error.status === 0;
      setFailure({ message: unreachable ? translate('import.unreachable') : refusal.message, items: refusal.reasons });
      throw error;
    } finally {
      running.current = null;
      setProgress(null);
    }
  };

  const reset = () => {
    running.current?.abort();
    setStep(0);
    setFile(null);
    setHeaders([]);
    setMapping({});
    setReport(null);
    setResult(null);
    setSkipErrors(false);
    setFailure(null);
  };

  /** Step 1 → 2: a dry run with the API's mapping (saved or suggested) gives the headers, the mapping and already a report. */
  const analyse = async () => {
    if (!file) return;
    try {
      const first = await send({ dryRun: true });
      if (!first) return;
      setHeaders(first.file.headers);
      setMapping(completeMapping(first.file.headers, first.mapping));
      setMappingSource(first.mappingSource);
      setReport(first);
      setStep(1);
    } catch (error) {
      // The API found no mapping of its own: it sends the file's header row (CSV or XLSX) with the refusal; let the user map it.
      const mappingRefused = refusalOf(error).reasons.some((r) => r.kind === 'issue' && isMappingIssue(r as { field?: string }));
      if (!mappingRefused || !(error instanceof ImportRequestError)) return;
      const own = refusedHeaders(error.errors);
      if (!own) return;
      setFailure(null);
      setHeaders(own);
      setMapping(completeMapping(own, {}));
      setMappingSource('none');
      setReport(null);
      setStep(1);
    }
  };

  /** Step 2 → 3: the dry run with the mapping shown (the first answer again when it is unchanged). */
  const dryRun = async () => {
    if (report && sameMapping(report.mapping, mapping)) {
      setStep(2);
      return;
    }
    try {
      const answer = await send({ dryRun: true, mapping });
      if (!answer) return;
      setReport(answer);
      setMappingSource(answer.mappingSource);
      setSkipErrors(false);
      setStep(2);
    } catch {
      // shown as `failure`
    }
  };

  /** Step 3 → 4: apply in one transaction; the mapping goes along, so it is saved for the next import. */
  const apply = async () => {
    setConfirming(false);
    try {
      const answer = await send({ dryRun: false, skipErrors, mapping });
      if (!answer) return;
      setResult(answer);
      setStep(3);
    } catch {
      // shown as `failure`
    }
  };

  const busy = progress !== null;

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="import.title" />
      <Card>
        <CardContent>
          <Stepper activeStep={step} sx={{ mb: 3 }}>
            {STEP_KEYS.map((key, i) => (
              <Step key={key} completed={step > i || (i === 3 && result?.applied === true)}>
                <StepLabel>{translate(`import.steps.${key}`)}</StepLabel>
              </Step>
            ))}
          </Stepper>

          {step === 0 && (
            <FileStep
              target={target}
              onTarget={(t) => setTarget(t)}
              file={file}
              problem={fileProblem}
              onFile={(f) => {
                setFailure(null);
                setReport(null);
                setHeaders([]);
                if (f && !isSpreadsheetName(f.name)) {
                  setFile(null);
                  setFileProblem(translate('import.file.not_spreadsheet', { name: f.name }));
                } else {
                  setFile(f);
                  setFileProblem(null);
                }
              }}
              disabled={busy}
            />
          )}
          {step === 1 && <MappingStep target={target} headers={headers} mapping={mapping} source={mappingSource} onChange={setMapping} />}
          {step === 2 && report && (
            <>
              <FileFacts report={report} />
              <Alert severity="info" sx={{ mb: 2 }}>
                {translate('import.report.dry_run_note')}
              </Alert>
              <ReportTable report={report} />
              <ApplyControls report={report} skipErrors={skipErrors} onSkipErrors={setSkipErrors} />
            </>
          )}
          {step === 3 && result && <ResultView result={result} />}

          {progress && <ProgressBar progress={progress} />}
          {failure && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="import-failure">
              <AlertTitle>{translate('import.failed')}</AlertTitle>
              <FailureText failure={failure} />
            </Alert>
          )}

          <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
            {step > 0 && step < 3 && (
              <Button onClick={() => setStep(step - 1)} disabled={busy}>
                {translate('import.back')}
              </Button>
            )}
            {step === 0 && (
              <Button variant="contained" onClick={analyse} disabled={!file || busy}>
                {translate('import.file.check')}
              </Button>
            )}
            {step === 1 && (
              <Button variant="contained" onClick={dryRun} disabled={busy || mappingIssues(mapping, headers, target).length > 0}>
                {translate('import.mapping.run')}
              </Button>
            )}
            {step === 2 && report && (
              <Button variant="contained" onClick={() => setConfirming(true)} disabled={busy || !mayApply(report, skipErrors)}>
                {translate('import.apply.button')}
              </Button>
            )}
            {(step > 0 || busy) && (
              <Button onClick={reset} color="inherit">
                {step === 3 ? translate('import.restart') : translate('import.cancel')}
              </Button>
            )}
          </Stack>
        </CardContent>
      </Card>
      {report && (
        <ApplyDialog open={confirming} report={report} skipErrors={skipErrors} onCancel={() => setConfirming(false)} onConfirm={apply} />
      )}
    </Box>
  );
};

/** The API's refusal: its message, or its coded issues in the console's language, each at its field or column. */
const FailureText = ({ failure }: { failure: { message: string; items: RefusalItem[] } }) => {
  const text = useRefusalText();
  const translate = useTranslate();
  if (failure.items.length === 0) return <>{failure.message}</>;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {failure.items.map((item, i) => {
        const column = item.field?.startsWith('mapping.') ? item.field.slice('mapping.'.length) : null;
        const plain = text({ ...item, field: undefined });
        const said = column
          ? translate('import.report.at_column', { column, text: plain })
          : item.field === 'file'
            ? `${translate('import.report.file')}: ${plain}`
            : item.field === 'mapping'
              ? plain
              : text(item);
        return <li key={i}>{said}</li>;
      })}
    </Box>
  );
};

const FileStep = ({
  target,
  onTarget,
  file,
  problem,
  onFile,
  disabled,
}: {
  target: ImportTarget;
  onTarget: (t: ImportTarget) => void;
  file: File | null;
  problem: string | null;
  onFile: (f: File | null) => void;
  disabled: boolean;
}) => {
  const translate = useTranslate();
  const intl = useIntlLocale();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) onFile(event.dataTransfer.files?.[0] ?? null);
  };
  return (
    <Stack spacing={2}>
      <TextField
        select
        size="small"
        label={translate('import.target')}
        value={target}
        onChange={(e) => onTarget(e.target.value as ImportTarget)}
        sx={{ maxWidth: 320 }}
        disabled={disabled}
      >
        {importTargets().map((t) => (
          <MenuItem key={t} value={t}>
            {targetLabel(translate, t)}
          </MenuItem>
        ))}
      </TextField>
      <Box
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="import-drop-zone"
        sx={{ border: 2, borderStyle: 'dashed', borderColor: over ? 'primary.main' : 'divider', borderRadius: 1, p: 4, textAlign: 'center', bgcolor: over ? 'action.hover' : undefined }}
      >
        <Typography component="span" sx={{ mr: 1 }}>
          {translate('import.file.drop')}
        </Typography>
        <Button variant="outlined" onClick={() => input.current?.click()} disabled={disabled}>
          {translate('import.file.choose')}
        </Button>
        <input
          ref={input}
          type="file"
          hidden
          accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="import-file-input"
          onChange={(e) => {
            onFile(e.target.files?.[0] ?? null);
            e.target.value = '';
          }}
        />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {translate('import.file.hint')}
        </Typography>
      </Box>
      {file && <Typography data-testid="import-file-name">{translate('import.file.chosen', { name: file.name, size: formatBytes(file.size, intl) })}</Typography>}
      {problem && <Alert severity="warning">{problem}</Alert>}
    </Stack>
  );
};

const MappingStep = ({
  target,
  headers,
  mapping,
  source,
  onChange,
}: {
  target: ImportTarget;
  headers: string[];
  mapping: ColumnMapping;
  source: MappingSource | 'none';
  onChange: (m: ColumnMapping) => void;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const fields = fieldsOf(target);
  const issues = mappingIssues(mapping, headers, target);
  const keyNames = (IMPORT_KEY_FIELDS[target] ?? []).map((k) => fieldLabel(translate, target, k)).join(' / ');
  return (
    <Stack spacing={2}>
      <Alert severity={source === 'none' ? 'warning' : 'info'} data-testid="mapping-source" data-source={source}>
        {translate(`import.mapping.source.${source}`)} {translate('import.mapping.saved_hint')}
      </Alert>
      <TableContainer>
        <Table size="small" data-testid="mapping-table" sx={{ maxWidth: 720 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('import.mapping.column')}</TableCell>
              <TableCell>{translate('import.mapping.field')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {headers.map((column) => {
              const issue = issues.find((i) => i.field === `mapping.${column}`);
              return (
                <TableRow key={column} data-column={column}>
                  <TableCell>{column}</TableCell>
                  <TableCell>
                    <TextField
                      select
                      size="small"
                      fullWidth
                      value={mapping[column] ?? ''}
                      onChange={(e) => onChange(withColumn(mapping, column, e.target.value))}
                      error={Boolean(issue)}
                      helperText={issue ? localizeCoded('issue', issue, translate, locale) : undefined}
                      slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'aria-label': translate('import.mapping.field_of', { column }) } as object } }}
                    >
                      <MenuItem value="">
                        <em>{translate('import.mapping.ignore')}</em>
                      </MenuItem>
                      {fields.map((f) => (
                        <MenuItem key={f} value={f}>
                          {fieldLabel(translate, target, f)}
                          {isKeyField(target, f) ? ` (${translate('import.mapping.key')})` : ''}
                        </MenuItem>
                      ))}
                    </TextField>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Alert severity={issues.some((i) => i.field === 'mapping') ? 'error' : 'success'} data-testid="mapping-key">
        {translate('import.mapping.key_required', { fields: keyNames })}
      </Alert>
    </Stack>
  );
};

/** The file as the API read it: format, detected encoding and delimiter, the mapping's source, columns left out, number of rows. */
const FileFacts = ({ report }: { report: ImportReport }) => {
  const translate = useTranslate();
  const intl = useIntlLocale();
  const facts: Array<[string, string]> = [[translate('import.report.format'), report.file.format]];
  if (report.file.encoding) facts.push([translate('import.report.encoding'), translate(`import.report.encodings.${encodingKey(report.file.encoding)}`, { _: report.file.encoding })]);
  if (report.file.delimiter) facts.push([translate('import.report.delimiter'), translate(`import.report.delimiters.${delimiterKey(report.file.delimiter)}`)]);
  facts.push([translate('import.report.mapping'), translate(`import.report.mapping_source.${report.mappingSource}`)]);
  return (
    <Stack spacing={1} sx={{ mb: 2 }} data-testid="import-file-facts">
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {facts.map(([label, value]) => (
          <Typography key={label} variant="body2">
            <strong>{label}:</strong> {value}
          </Typography>
        ))}
        <Typography variant="body2">{translate('import.report.rows', { smart_count: report.summary.rows })}</Typography>
      </Stack>
      {(report.rowsOmitted ?? 0) > 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="import-rows-omitted">
          {translate('import.report.omitted', { count: new Intl.NumberFormat(intl).format(report.rowsOmitted ?? 0) })}
        </Typography>
      )}
      {report.ignoredColumns.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('import.report.ignored', { columns: report.ignoredColumns.join(', ') })}
        </Typography>
      )}
    </Stack>
  );
};

/** Summary chips (each a filter) and the rows of the report, paged; with links to the records once applied. */
const ReportTable = ({ report, links = false }: { report: ImportReport; links?: boolean }) => {
  const translate = useTranslate();
  const [actions, setActions] = useState<ImportAction[]>([]);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(25);
  const rows = useMemo(() => filterRows(report.rows, actions, search), [report.rows, actions, search]);
  const toggle = (action: ImportAction) => {
    setPage(0);
    setActions((current) => (current.includes(action) ? current.filter((a) => a !== action) : [...current, action]));
  };
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} data-testid="import-summary">
        <Chip label={`${translate('import.report.all')}: ${report.summary.rows}`} variant={actions.length === 0 ? 'filled' : 'outlined'} onClick={() => setActions([])} />
        {ACTIONS.map(({ action, key }) => (
          <Chip
            key={action}
            data-testid={`summary-${action}`}
            data-count={report.summary[key]}
            label={`${translate(`import.action.${action}`)}: ${report.summary[key]}`}
            color={ACTION_COLOR[action]}
            variant={actions.includes(action) ? 'filled' : 'outlined'}
            onClick={() => toggle(action)}
            aria-pressed={actions.includes(action)}
          />
        ))}
        <TextField
          size="small"
          label={translate('import.report.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(0);
          }}
          fullWidth={false}
          sx={{ ml: 'auto', width: 260 }}
        />
      </Stack>
      <TableContainer>
        <Table size="small" data-testid="import-report">
          <TableHead>
            <TableRow>
              <TableCell>{translate('import.report.row')}</TableCell>
              <TableCell>{translate('import.report.action')}</TableCell>
              <TableCell>{translate('import.report.label')}</TableCell>
              <TableCell>{translate('import.report.details')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.slice(page * perPage, page * perPage + perPage).map((row) => (
              <ReportRow key={row.row} row={row} target={report.target} link={links} />
            ))}
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={4}>{translate('import.report.none_match')}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={rows.length}
        page={Math.min(page, Math.max(0, Math.ceil(rows.length / perPage) - 1))}
        onPageChange={(_e, p) => setPage(p)}
        rowsPerPage={perPage}
        rowsPerPageOptions={[25, 100, 500]}
        onRowsPerPageChange={(e) => {
          setPerPage(Number(e.target.value));
          setPage(0);
        }}
        labelRowsPerPage={translate('import.report.page_rows')}
        labelDisplayedRows={({ from, to, count }) => translate('import.report.displayed', { from, to, count })}
      />
    </Stack>
  );
};

const ReportRow = ({ row, target, link }: { row: ImportRowReport; target: ImportTarget; link: boolean }) => {
  const translate = useTranslate();
  const text = useRefusalText();
  const intl = useIntlLocale();
  const resource = resourceOf(target);
  const number = (n: number) => new Intl.NumberFormat(intl).format(n);
  const changeLabel = (field: string) => (resource ? translate(`resources.${resource}.fields.${field}`, { _: field }) : field);
  return (
    <TableRow data-row={row.row} data-action={row.action} sx={isErrorAction(row.action) ? { bgcolor: 'action.hover' } : undefined}>
      <TableCell>{row.row}</TableCell>
      <TableCell>
        <Chip size="small" label={translate(`import.action.${row.action}`)} color={ACTION_COLOR[row.action]} />
      </TableCell>
      <TableCell>{link && resource && row.id ? <Link to={`/${resource}/${row.id}/show`}>{row.label}</Link> : row.label}</TableCell>
      <TableCell>
        {row.changes && Object.keys(row.changes).length > 0 && (
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {Object.entries(row.changes).map(([field, change]) => (
              <li key={field} data-field={field}>
                {changeLabel(field)}: {row.action === 'CREATE' ? valueText(change.to, number) : `${valueText(change.from, number)} → ${valueText(change.to, number)}`}
              </li>
            ))}
          </Box>
        )}
        {row.issues && row.issues.length > 0 && (
          <Box component="ul" sx={{ m: 0, pl: 2 }} data-testid="row-issues">
            {row.issues.map((issue, i) => {
              const said = text({ kind: 'issue', code: issue.code, params: issue.params, message: issue.message });
              return <li key={i}>{issue.column ? translate('import.report.at_column', { column: issue.column, text: said }) : said}</li>;
            })}
          </Box>
        )}
        {row.candidates && row.candidates.length > 0 && (
          <Box sx={{ mt: 0.5 }}>
            <Typography variant="body2">{translate('import.report.candidates')}</Typography>
            <Box component="ul" sx={{ m: 0, pl: 2 }} data-testid="row-candidates">
              {row.candidates.map((c) => (
                <li key={c.id}>
                  {resource ? <Link to={`/${resource}/${c.id}/show`}>{c.name}</Link> : c.name} ({c.ars})
                </li>
              ))}
            </Box>
          </Box>
        )}
      </TableCell>
    </TableRow>
  );
};

/** "Fehlerhafte Zeilen überspringen": needed before an apply when rows have errors or ambiguous matches. */
const ApplyControls = ({ report, skipErrors, onSkipErrors }: { report: ImportReport; skipErrors: boolean; onSkipErrors: (v: boolean) => void }) => {
  const translate = useTranslate();
  const blocked = blockingRows(report);
  if (!mayApply(report, true)) return <Alert severity="info">{translate('import.apply.nothing')}</Alert>;
  if (blocked === 0) return null;
  return (
    <Stack spacing={1} sx={{ mt: 2 }}>
      <Alert severity="warning">{translate('import.apply.blocked', { smart_count: blocked })}</Alert>
      <FormControlLabel control={<Checkbox checked={skipErrors} onChange={(e) => onSkipErrors(e.target.checked)} />} label={translate('import.apply.skip_errors')} />
    </Stack>
  );
};

const ApplyDialog = ({ open, report, skipErrors, onCancel, onConfirm }: { open: boolean; report: ImportReport; skipErrors: boolean; onCancel: () => void; onConfirm: () => void }) => {
  const translate = useTranslate();
  const { summary } = report;
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="import-apply-title">
      <DialogTitle id="import-apply-title">{translate('import.apply.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate('import.apply.counts', { create: summary.create, update: summary.update, unchanged: summary.unchanged })}</DialogContentText>
        {(skipErrors || summary.duplicate > 0) && (
          <DialogContentText sx={{ mt: 1 }}>
            {translate('import.apply.skipped', { blocked: skipErrors ? blockingRows(report) : 0, duplicate: summary.duplicate })}
          </DialogContentText>
        )}
        <DialogContentText sx={{ mt: 1 }}>{translate('import.apply.one_transaction')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('import.cancel')}</Button>
        <Button variant="contained" onClick={onConfirm} autoFocus>
          {translate('import.apply.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const ResultView = ({ result }: { result: ImportReport }) => {
  const translate = useTranslate();
  const resource = resourceOf(result.target);
  const { created, updated } = importedIds(result);
  const { summary } = result;
  return (
    <Stack spacing={2}>
      {result.applied ? (
        <Alert severity="success" data-testid="import-result">
          {translate('import.result.applied', { create: summary.create, update: summary.update, unchanged: summary.unchanged })}
        </Alert>
      ) : (
        <Alert severity="error" data-testid="import-result">
          {translate('import.result.refused', { smart_count: blockingRows(result) })}
        </Alert>
      )}
      {result.applied && resource && (
        <Stack direction="row" spacing={2}>
          {created.length > 0 && (
            <Button component={Link} to={recordsListPath(resource, created)} variant="outlined">
              {translate('import.result.show_created', { smart_count: created.length })}
            </Button>
          )}
          {updated.length > 0 && (
            <Button component={Link} to={recordsListPath(resource, updated)} variant="outlined">
              {translate('import.result.show_updated', { smart_count: updated.length })}
            </Button>
          )}
        </Stack>
      )}
      <ReportTable report={result} links={result.applied} />
    </Stack>
  );
};

/** Upload (buffer) and rows read by the API (value, by the bytes it has read), with the numbers in words. */
const ProgressBar = ({ progress }: { progress: ImportProgress }) => {
  const translate = useTranslate();
  const intl = useIntlLocale();
  const total = Math.max(progress.total, 1);
  const pct = (n: number) => Math.min(100, (n / total) * 100);
  return (
    <Box sx={{ mt: 2 }} data-testid="import-progress" data-rows={progress.rows}>
      <LinearProgress variant="buffer" value={pct(progress.bytesRead)} valueBuffer={pct(progress.uploaded)} />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {progress.uploaded === 0 && progress.rows === 0
          ? translate('import.progress.starting')
          : `${translate('import.progress.uploaded', { uploaded: formatBytes(progress.uploaded, intl), total: formatBytes(progress.total, intl) })} · ${translate('import.progress.rows', { smart_count: progress.rows, count: new Intl.NumberFormat(intl).format(progress.rows) })}`}
      </Typography>
    </Box>
  );
};

export default ImportPage;
