import Chip from '@mui/material/Chip';
import { DataTable, List, ReferenceField, ReferenceInput, SearchInput, SelectInput, useRecordContext, useTranslate } from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { ResourceTable } from '../common/ResourceTable';

const f = (field: string) => `wave.fields.${field}`;

export const WAVE_STATUS_COLOR = { EMPTY: 'default', DONE: 'success', ON_TRACK: 'success', AT_RISK: 'warning', LATE: 'error' } as const;

export const WaveStatusChip = () => {
  const record = useRecordContext<{ progress?: { status: keyof typeof WAVE_STATUS_COLOR; progress: number } }>();
  const translate = useTranslate();
  const status = record?.progress?.status;
  if (!status) return null;
  return <Chip size="small" color={WAVE_STATUS_COLOR[status]} label={`${translate(`wave.status.${status}`)} · ${Math.round(record.progress!.progress * 100)} %`} data-testid="wave-status" />;
};

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="serviceId" source="serviceId" reference="Service" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <SelectInput label={f('serviceId')} optionText="name" />
  </ReferenceInput>,
];

const WaveList = () => (
  <List filters={filters} sort={{ field: 'targetGoLive', order: 'ASC' }} exporter={false} title="wave.menu">
    <ResourceTable>
      <DataTable.Col source="name" label={f('name')} />
      <DataTable.Col source="serviceId" label={f('serviceId')}>
        <ReferenceField source="serviceId" reference="Service" link={false} />
      </DataTable.Col>
      <DataTable.Col source="startsOn" label={f('startsOn')}>
        <LocalizedDateField source="startsOn" />
      </DataTable.Col>
      <DataTable.Col source="targetGoLive" label={f('targetGoLive')}>
        <LocalizedDateField source="targetGoLive" />
      </DataTable.Col>
      <DataTable.Col label={f('status')} disableSort>
        <WaveStatusChip />
      </DataTable.Col>
    </ResourceTable>
  </List>
);

export default WaveList;
