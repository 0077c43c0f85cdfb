import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { STATES, STATE_CODES, issueText, validateCostKey, type CostKeyData } from '@efa/domain';
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
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useFormState, useWatch } from 'react-hook-form';
import { KeyField, LocalizedDateField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { ResourceCreate, VersionedEdit } from '../common/forms';
import { HistoryTimeline } from '../common/HistoryTimeline';
import { localizeCoded } from '../common/codedMessages';
import { ResourceTable } from '../common/ResourceTable';
import { useIntlLocale } from '../common/useIntlLocale';
import { ListActions } from '../export/ListActions';

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
  <List filters={filters} sort={{ field: 'year', order: 'DESC' }} actions={<ListActions />}>
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
      <NumberInput key={s.code} source={`${source}.${i}.value`} label={`${s.name} (${s.code})`} isRequired min={0} />
    ))}
  </Box>
);

/** Every message under these form errors (nested per state or component), once each. */
function messagesOf(error: unknown, out: string[] = []): string[] {
  if (!error || typeof error !== 'object') return out;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && message && !out.includes(message)) out.push(message);
  for (const [key, value] of Object.entries(error)) if (key !== 'ref' && key !== 'message') messagesOf(value, out);
  return out;
}

/** Problems of the key as a whole (all 16 states, weights, what the API refused): shown above the save button. */
const KeyProblems = () => {
  const { errors } = useFormState();
  const translate = useTranslate();
  const messages = messagesOf({ a: errors.factors, b: errors.components, c: errors.keyProblems });
  if (!messages.length) return null;
  return (
    <Alert severity="error" sx={{ width: '100%', my: 1 }} data-testid="cost-key-problems">
      {messages.map((m) => (
        <div key={m}>{translate(m, { _: m })}</div>
      ))}
    </Alert>
  );
};

/**
 * The form's validation (react-admin uses either form-level or input-level
 * validation, not both): the required fields, each per-state value at its
 * input, and the key's rules from libs/domain (validateCostKey) for the rest.
 */
function useCostKeyValidator() {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  return (values: Record<string, any>) => {
    const errors: Record<string, any> = {};
    const REQUIRED = 'ra.validation.required';
    for (const f of ['name', 'kind', 'year']) if (values[f] === undefined || values[f] === null || values[f] === '') errors[f] = REQUIRED;
    // Nested errors as objects keyed by index (react-admin's resolver cannot walk holes in arrays).
    const perState = (list: Array<{ value?: unknown }> | undefined) => {
      const out: Record<number, { value: string }> = {};
      STATE_CODES.forEach((_, i) => {
        const v = list?.[i]?.value;
        if (v === undefined || v === null || v === '') out[i] = { value: REQUIRED };
        else if (Number(v) < 0) out[i] = { value: localizeCoded('issue', issueText('NEGATIVE'), translate, locale) };
      });
      return Object.keys(out).length ? out : undefined;
    };
    if (values.kind === 'KOENIGSTEINER') {
      const e = perState(values.factors);
      if (e) errors.factors = e;
    }
    if (values.kind === 'COMBINED') {
      const list: Array<Record<string, any>> = values.components ?? [];
      const e: Record<number, Record<string, unknown>> = {};
      list.forEach((c, i) => {
        const item: Record<string, unknown> = {};
        if (!c?.name) item.name = REQUIRED;
        if (c?.weight === undefined || c?.weight === null || c?.weight === '') item.weight = REQUIRED;
        const v = perState(c?.values);
        if (v) item.values = v;
        if (Object.keys(item).length) e[i] = item;
      });
      if (Object.keys(e).length) errors.components = e;
    }
    if (Object.keys(errors).length === 0) {
      for (const issue of validateCostKey(toCostKeyInput(values) as unknown as CostKeyData)) {
        const key = issue.field.split(/[.[]/)[0];
        const text = localizeCoded('issue', issue, translate, locale);
        if (key === 'factors' || key === 'components') errors.keyProblems ??= text;
        else errors[key] ??= text;
      }
    }
    return errors;
  };
}

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
          <TextInput source="name" isRequired label="costs.form.component_name" />
          <NumberInput source="weight" isRequired min={0} label="costs.weight" />
          <StateValueInputs source="values" />
        </SimpleFormIterator>
      </ArrayInput>
    );
  }
  return null;
};

const CostKeyForm = () => {
  const validate = useCostKeyValidator();
  return (
    <SimpleForm validate={validate}>
      <TextInput source="name" isRequired fullWidth />
      <SelectInput source="kind" choices={kindChoices} isRequired />
      <NumberInput source="year" isRequired min={2000} max={2100} />
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
