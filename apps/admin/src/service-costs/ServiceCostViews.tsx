import { issueAt, validateServiceCost } from '@efa/domain';
import {
  DataTable,
  FunctionField,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
} from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { ResourceCreate, useRuleValidator, VersionedEdit } from '../common/forms';
import { HistoryTimeline } from '../common/HistoryTimeline';
import { ServiceInput } from '../common/inputs';
import { ResourceTable } from '../common/ResourceTable';
import { useIntlLocale } from '../common/useIntlLocale';
import { formatEuro } from '../cost-allocation/logic';
import { ListActions } from '../export/ListActions';

interface ServiceCostRecord {
  id: string;
  serviceId: string;
  year: number;
  operationCents: string;
  maintenanceCents: string;
  totalCents: string;
}

/** A Cents field (string of digits) as a locale-formatted euro amount. */
const EuroField = ({ source }: { source: 'operationCents' | 'maintenanceCents' | 'totalCents'; label?: string }) => {
  const intlLocale = useIntlLocale();
  return <FunctionField<ServiceCostRecord> source={source} render={(r) => (r[source] ? formatEuro(r[source], intlLocale) : '')} />;
};

const filters = [...searchFilters, <ServiceInput key="serviceId" alwaysOn />, <NumberInput key="year" source="year" />];

export const ServiceCostList = () => (
  <List filters={filters} sort={{ field: 'year', order: 'DESC' }} actions={<ListActions />}>
    <ResourceTable>
      <DataTable.Col source="serviceId">
        <ReferenceField source="serviceId" reference="Service" />
      </DataTable.Col>
      <DataTable.NumberCol source="year" options={{ useGrouping: false }} />
      <DataTable.Col source="operationCents" align="right">
        <EuroField source="operationCents" />
      </DataTable.Col>
      <DataTable.Col source="maintenanceCents" align="right">
        <EuroField source="maintenanceCents" />
      </DataTable.Col>
      <DataTable.Col source="totalCents" align="right">
        <EuroField source="totalCents" />
      </DataTable.Col>
      <DataTable.Col source="updatedAt">
        <LocalizedDateField source="updatedAt" showTime />
      </DataTable.Col>
    </ResourceTable>
  </List>
);

export const ServiceCostShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField source="serviceId" reference="Service" link="show" />
      <NumberField source="year" options={{ useGrouping: false }} />
      <EuroField source="operationCents" />
      <EuroField source="maintenanceCents" />
      <EuroField source="totalCents" />
      <TextField source="note" sx={{ whiteSpace: 'pre-line' }} />
      <NumberField source="version" />
      <HistoryTimeline entityType="ServiceCost" />
    </SimpleShowLayout>
  </Show>
);

/** Cents (string of digits, as the API sends them) <-> euros in the input; stored exactly in cents. */
const centsToEuros = (cents: unknown) => (cents === null || cents === undefined || cents === '' ? null : Number(cents) / 100);
const eurosToCents = (euros: unknown) => {
  if (euros === null || euros === undefined || euros === '') return null;
  const n = Number(euros);
  return Number.isFinite(n) ? String(Math.round(n * 100)) : String(euros);
};

const ServiceCostForm = ({ create }: { create?: boolean }) => {
  const check = (r: object) => [
    ...((r as { serviceId?: unknown }).serviceId ? [] : [issueAt('serviceId', 'REQUIRED')]),
    ...validateServiceCost(r as Parameters<typeof validateServiceCost>[0]),
  ];
  const validate = useRuleValidator(check, (v) => ({
    ...v,
    year: v.year === null || v.year === undefined ? v.year : Number(v.year),
    operationCents: v.operationCents === null || v.operationCents === undefined ? Number.NaN : Number(v.operationCents),
    maintenanceCents: v.maintenanceCents === null || v.maintenanceCents === undefined ? Number.NaN : Number(v.maintenanceCents),
  }));
  return (
    <SimpleForm validate={validate}>
      <ServiceInput readOnly={!create} />
      <NumberInput source="year" isRequired readOnly={!create} min={2000} max={2100} />
      <NumberInput source="operationCents" label="resources.ServiceCost.fields.operationEuros" format={centsToEuros} parse={eurosToCents} step={0.01} min={0} isRequired helperText="costs.form.euro_hint" />
      <NumberInput source="maintenanceCents" label="resources.ServiceCost.fields.maintenanceEuros" format={centsToEuros} parse={eurosToCents} step={0.01} min={0} isRequired helperText="costs.form.euro_hint" />
      <TextInput source="note" multiline minRows={2} fullWidth />
    </SimpleForm>
  );
};

export const ServiceCostEdit = () => (
  <VersionedEdit>
    <ServiceCostForm />
  </VersionedEdit>
);

export const ServiceCostCreate = () => (
  <ResourceCreate>
    <ServiceCostForm create />
  </ResourceCreate>
);
