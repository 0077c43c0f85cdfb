import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import HistoryIcon from '@mui/icons-material/History';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useState } from 'react';
import {
  CreateButton,
  DataTable,
  EditButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { ResourceTable } from '../common/ResourceTable';
import { refusalOf } from '../common/apiErrors';
import { useMayCall } from '../onboardings/shared';
import { useWaveApi } from '../waves/waveApi';
import { GuideHistoryDialog } from './GuideHistoryDialog';

const f = (field: string) => `guide.fields.${field}`;

interface SectionRow {
  id: string;
  serviceId: string;
  position: number;
  title: string;
}

const filters = [
  <ReferenceInput key="serviceId" source="serviceId" reference="Service" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <SelectInput label={f('serviceId')} optionText="name" />
  </ReferenceInput>,
  <SearchInput key="q" source="q" alwaysOn />,
];

/** Up / down within the service's guide (shown when the list is narrowed to one service): one reorderGuideSections. */
const MoveButtons = () => {
  const record = useRecordContext<SectionRow>();
  const { data, filterValues } = useListContext<SectionRow>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const api = useWaveApi();
  const mayCall = useMayCall();
  if (!record || !filterValues.serviceId || filterValues.q || !mayCall('reorderGuideSections')) return null;
  const ordered = [...(data ?? [])].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((s) => s.id === record.id);
  const move = async (delta: number) => {
    const ids = ordered.map((s) => s.id);
    [ids[index], ids[index + delta]] = [ids[index + delta], ids[index]];
    try {
      await api.reorder(record.serviceId, ids);
      notify('guide.reordered', { type: 'success' });
      refresh();
    } catch (error) {
      notify(refusalOf(error).message, { type: 'error' });
    }
  };
  return (
    <>
      <Tooltip title={translate('guide.move_up')}>
        <span>
          <IconButton size="small" disabled={index <= 0} onClick={(e) => (e.stopPropagation(), void move(-1))} aria-label={translate('guide.move_up')}>
            <ArrowUpwardIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title={translate('guide.move_down')}>
        <span>
          <IconButton size="small" disabled={index < 0 || index >= ordered.length - 1} onClick={(e) => (e.stopPropagation(), void move(1))} aria-label={translate('guide.move_down')}>
            <ArrowDownwardIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
    </>
  );
};

export const HistoryButton = () => {
  const record = useRecordContext<SectionRow>();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  return (
    <>
      <Tooltip title={translate('guide.history.button')}>
        <IconButton size="small" onClick={(e) => (e.stopPropagation(), setOpen(true))} aria-label={translate('guide.history.button')} data-testid="guide-history-button">
          <HistoryIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {open && <GuideHistoryDialog sectionId={record.id} title={record.title} open={open} onClose={() => setOpen(false)} />}
    </>
  );
};

const Actions = () => {
  const mayCall = useMayCall();
  return <TopToolbar>{mayCall('createGuideSection') && <CreateButton />}</TopToolbar>;
};

/** The guide of a service: its sections in order, to edit, reorder and look back at. */
const GuideSectionList = () => {
  const mayCall = useMayCall();
  return (
    <List filters={filters} sort={{ field: 'position', order: 'ASC' }} perPage={200} pagination={false} exporter={false} actions={<Actions />} title="guide.menu">
      <ResourceTable rowClick={mayCall('updateGuideSection') ? 'edit' : false}>
        <DataTable.Col source="position" label={f('position')} />
        <DataTable.Col source="title" label={f('title')} />
        <DataTable.Col source="milestoneKey" label={f('milestoneKey')} />
        <DataTable.Col source="serviceId" label={f('serviceId')}>
          <ReferenceField source="serviceId" reference="Service" link={false} />
        </DataTable.Col>
        <DataTable.Col source="revision" label={f('revision')} />
        <DataTable.Col source="updatedBy" label={f('updatedBy')} />
        <DataTable.Col source="updatedAt" label={f('updatedAt')}>
          <LocalizedDateField source="updatedAt" showTime />
        </DataTable.Col>
        <DataTable.Col label="" disableSort>
          <MoveButtons />
          <HistoryButton />
          {mayCall('updateGuideSection') && <EditButton />}
        </DataTable.Col>
      </ResourceTable>
    </List>
  );
};

export default GuideSectionList;
