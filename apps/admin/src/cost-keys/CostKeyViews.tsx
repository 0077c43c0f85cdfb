import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { STATES, STATE_CODES, validateCostKey, type CostKeyData } from '@efa/domain';
import {
  ArrayInput,
  DataTable,
  List,
  NumberField,
  NumberInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useFormState, useWatch } from 'react-hook-form';
import { KeyField, LocalizedDateField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { ResourceCreate, VersionedEdit } from '../common/forms';
import { HistoryTimeline } from '../common/HistoryTimeline';
import { localizeIssue } from '../common/issueMessages';
import { ResourceTable } from '../common/ResourceTable';
import { useIntlLocale } from '../common/useIntlLocale';

const KINDS = ['KOENIGSTEINER', 'COMBINED'] as const;
const kindChoices = KINDS.map((id) => ({ id, name: `costs.kind.${id}` }));

interface StateValue {
  stateCode: string;
  value: number;
}
interface CostKeyRecord {
  id: string;
  name: string;
  kind: string;
  year: number;
  factors: StateValue[];
  components: Array<{ name: string; weight: number; values: StateValue[] }>;
  shares: StateValue[];
}

const filters = [...searchFilters, <SelectInput key="kind" source="kind" choices={kindChoices} />, <NumberInput key="year" source="year" />];

export const CostKeyList = () => (
  <List filters={filters} sort={{ field: 'year', order: 'DESC' }}>
    <ResourceTable>
      <DataTable.Col source="name" />
      <DataTable.Col source="kind">
        <KeyField source="kind" prefix="costs.kind" />
      </DataTable.Col>
      <DataTable.NumberCol source="year" options={{ useGrouping: false }} />
      <DataTable.Col source="updatedAt">
        <LocalizedDateField source="updatedAt" showTime />
      </DataTable.Col>
    </ResourceTable>
  </List>
);

/** The key's share per state (computed by the API from factors or components), and the components' values. */
const SharesTable = () => {
  const record = useRecordContext<CostKeyRecord>();
  const translate = useTranslate();
  const intlLocale = useIntlLocale();
  if (!record) return null;
  const number = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 5 });
  const valueOf = (list: StateValue[], code: string) => list.find((v) => v.stateCode === code)?.value;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="cost-key-shares">
        <TableHead>
          <TableRow>
            <TableCell>{translate('costs.state')}</TableCell>
            {record.kind === 'KOENIGSTEINER' && <TableCell align="right">{translate('resources.CostKey.fields.factors')}</TableCell>}
            {record.components.map((c) => (
              <TableCell key={c.name} align="right">
                {c.name} ({translate('costs.weight')} {number.format(c.weight)})
              </TableCell>
            ))}
            <TableCell align="right">{translate('resources.CostKey.fields.shares')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {STATES.map((s) => (
            <TableRow key={s.code}>
              <TableCell>
                {s.name} ({s.code})
              </TableCell>
              {record.kind === 'KOENIGSTEINER' && <TableCell align="right">{number.format(valueOf(record.factors, s.code) ?? 0)}</TableCell>}
              {record.components.map((c) => (
                <TableCell key={c.name} align="right">
                  {number.format(valueOf(c.values, s.code) ?? 0)}
                </TableCell>
              ))}
              <TableCell align="right">{number.format(valueOf(record.shares, s.code) ?? 0)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

export const CostKeyShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <KeyField source="kind" prefix="costs.kind" />
      <NumberField source="year" options={{ useGrouping: false }} />
      <TextField source="note" sx={{ whiteSpace: 'pre-line' }} />
      <SharesTable />
      <NumberField source="version" />
      <HistoryTimeline entityType="CostKey" />
    </SimpleShowLayout>
  </Show>
);

const num = (v: unknown): number => (v === null || v === undefined || v === '' ? Number.NaN : Number(v));

/** Form values -> the API's arguments: values by state in the order of STATE_CODES (the inputs are indexed by it). */
export function toCostKeyInput(data: Record<string, any>): Record<string, unknown> {
  const values = (list: Array<{ value?: unknown }> | undefined) => STATE_CODES.map((stateCode, i) => ({ stateCode, value: num(list?.[i]?.value) }));
  return {
    id: data.id,
    version: data.version,
    name: data.name,
    kind: data.kind,
    year: data.year === '' || data.year === null || data.year === undefined ? undefined : Number(data.year),
    note: data.note ?? null,
    factors: data.kind === 'KOENIGSTEINER' ? values(data.factors) : [],
    components: data.kind === 'COMBINED' ? (data.components ?? []).map((c: Record<string, any>) => ({ name: c?.name ?? '', weight: num(c?.weight), values: values(c?.values) })) : [],
  };
}

/** Sixteen number inputs, one per state, for `<source>.<i>.value` (i in the order of STATE_CODES). */
const StateValueInputs = ({ source }: { source: string }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' }, columnGap: 2, width: '100%' }}>
    {STATES.map((s, i) => (
      <NumberInput key={s.code} source={`${source}.${i}.value`} label={`${s.name} (${s.code})`} validate={required()} min={0} helperText={false} />
    ))}
  </Box>
);

/** Problems of the key as a whole (all 16 states, weights): shown above the save button. */
const KeyProblems = () => {
  const { errors } = useFormState();
  const translate = useTranslate();
  const messages = ['factors', 'components']
    .map((f) => (errors[f] as { message?: string; root?: { message?: string } } | undefined))
    .map((e) => e?.message ?? e?.root?.message)
    .filter((m): m is string => Boolean(m));
  if (!messages.length) return null;
  return (
    <Alert severity="error" sx={{ width: '100%', my: 1 }} data-testid="cost-key-problems">
      {messages.map((m) => (
        <div key={m}>{translate(m, { _: m })}</div>
      ))}
    </Alert>
  );
};

const KindInputs = () => {
  const kind = useWatch({ name: 'kind' });
  const translate = useTranslate();
  if (kind === 'KOENIGSTEINER') {
    return (
      <Box sx={{ width: '100%' }}>
        <Typography variant="subtitle2">{translate('resources.CostKey.fields.factors')}</Typography>
        <Typography variant="caption" color="text.secondary">
          {translate('costs.form.factors_hint')}
        </Typography>
        <StateValueInputs source="factors" />
      </Box>
    );
  }
  if (kind === 'COMBINED') {
    return (
      <ArrayInput source="components" helperText="costs.form.components_hint">
        <SimpleFormIterator inline={false} fullWidth disableReordering>
          <TextInput source="name" validate={required()} label="costs.form.component_name" />
          <NumberInput source="weight" validate={required()} min={0} label="costs.weight" />
          <StateValueInputs source="values" />
        </SimpleFormIterator>
      </ArrayInput>
    );
  }
  return null;
};

const CostKeyForm = () => {
  const [locale] = useLocaleState();
  const validate = (values: Record<string, unknown>) => {
    const errors: Record<string, string> = {};
    const input = toCostKeyInput(values) as unknown as CostKeyData;
    for (const { field, message } of validateCostKey(input)) {
      // Per-state values are checked at their inputs (required, min 0); the rest of the key's rules at the top of its section.
      const key = field.split(/[.[]/)[0];
      if (key === 'factors' || key === 'components') {
        if (/missing|non-negative numbers/.test(message)) continue;
      }
      if (!(key in errors)) errors[key] = localizeIssue(message, locale);
    }
    return errors;
  };
  return (
    <SimpleForm validate={validate}>
      <TextInput source="name" validate={required()} fullWidth />
      <SelectInput source="kind" choices={kindChoices} validate={required()} />
      <NumberInput source="year" validate={required()} min={2000} max={2100} />
      <TextInput source="note" multiline minRows={2} fullWidth />
      <KindInputs />
      <KeyProblems />
    </SimpleForm>
  );
};

export const CostKeyEdit = () => (
  <VersionedEdit transform={toCostKeyInput}>
    <CostKeyForm />
  </VersionedEdit>
);

export const CostKeyCreate = () => (
  <ResourceCreate transform={toCostKeyInput} record={{ kind: 'KOENIGSTEINER', year: new Date().getFullYear(), factors: STATE_CODES.map((stateCode) => ({ stateCode })) }}>
    <CostKeyForm />
  </ResourceCreate>
);
