import { OverdueActionItemsSection } from '../meetings/OverdueActionItemsSection';
import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  CreateButton,
  DataTable,
  EmailField,
  Loading,
  NumberField,
  ReferenceField,
  ReferenceManyField,
  Show,
  TabbedShowLayout,
  TextField,
  UrlField,
  useDataProvider,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EnumField, KeyField, LocalizedDateField, LocalizedNumberField } from '../common/fields';
import { HistoryTimeline } from '../common/HistoryTimeline';
import type { QueryDataProvider } from '../common/queryApi';
import { useCustomQuery } from '../common/useCustomQuery';
import { useIntlLocale } from '../common/useIntlLocale';
import { StageField } from '../onboardings/shared';
import { WatchActions } from '../notifications/WatchActions';

/** The open obstacles of the authority's onboardings (coordinators of other states see none: the API keeps them internal). */
const OpenBlockers = () => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<QueryDataProvider>();
  const translate = useTranslate();
  const locale = useIntlLocale();
  const { data, isPending, error } = useCustomQuery(record ? String(record.id) : undefined, () =>
    dataProvider.getAuthorityBlockers({ authorityId: String(record?.id) }),
  );
  if (isPending) return <Loading />;
  if (error || !data || data.length === 0) {
    return <Typography color="text.secondary">{translate('crud.authority.no_blockers')}</Typography>;
  }
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (
    <Table size="small" aria-label={translate('crud.authority.blockers')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('crud.authority.service')}</TableCell>
          <TableCell>{translate('crud.authority.blocker_title')}</TableCell>
          <TableCell>{translate('crud.authority.severity')}</TableCell>
          <TableCell>{translate('crud.authority.owner')}</TableCell>
          <TableCell>{translate('crud.authority.opened_at')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {data.map((b) => (
          <TableRow key={b.id}>
            <TableCell>{b.serviceName}</TableCell>
            <TableCell>{b.title}</TableCell>
            <TableCell>
              <Chip size="small" color={b.severity === 'BLOCKING' ? 'error' : b.severity === 'DELAYING' ? 'warning' : 'default'} label={translate(`crud.severity.${b.severity}`, { _: b.severity })} />
            </TableCell>
            <TableCell>{b.owner ?? '—'}</TableCell>
            <TableCell>{date.format(new Date(`${b.openedAt}T00:00:00`))}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** Opens the create view of an onboarding with this authority filled in (only for roles that may create one). */
const NewOnboardingButton = () => {
  const record = useRecordContext();
  if (!record) return null;
  return <CreateButton resource="Onboarding" label="onboarding.actions.create" state={{ record: { authorityId: record.id } }} sx={{ mb: 1 }} />;
};

/**
 * The onboarding fields these tabs show (ra-data-graphql-simple's sparse
 * fields): the full type has fields with required arguments (stageOn).
 */
const ONBOARDING_QUERY = {
  meta: { sparseFields: ['id', 'serviceId', 'stage', 'status', 'plannedGoLive', 'liveAt', 'owner', 'subjectContact', 'technicalContact', 'version'] },
};

const AuthorityOverdueActionItems = () => {
  const record = useRecordContext<{ id: string }>();
  return record ? <OverdueActionItemsSection authorityId={record.id} /> : null;
};

const AuthorityShow = () => (
  <Show actions={<WatchActions targetType="AUTHORITY" />}>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="crud.authority.tab_master">
        <TextField source="name" />
        <EnumField source="kind" enumName="AuthorityKind" />
        <EnumField source="level" enumName="AuthorityLevel" />
        <ReferenceField source="stateId" reference="State" link="show" />
        <TextField source="ars" />
        <LocalizedNumberField source="population" />
        <ReferenceField source="specialistSystemId" reference="SpecialistSystem" link="show" />
        <UrlField source="website" target="_blank" rel="noopener noreferrer" />
        <EmailField source="email" />
        <TextField source="notes" sx={{ whiteSpace: 'pre-line' }} />
        <NumberField source="version" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="crud.authority.tab_onboardings" path="onboardings">
        <NewOnboardingButton />
        <ReferenceManyField reference="Onboarding" target="authorityId" sort={{ field: 'plannedGoLive', order: 'ASC' }} perPage={100} label={false} queryOptions={ONBOARDING_QUERY}>
          <DataTable bulkActionButtons={false} rowClick="show">
            <DataTable.Col source="serviceId" label="crud.authority.service">
              <ReferenceField source="serviceId" reference="Service" link={false} />
            </DataTable.Col>
            <DataTable.Col source="stage" label="crud.authority.stage">
              <StageField />
            </DataTable.Col>
            <DataTable.Col source="status" label="crud.authority.status">
              <KeyField source="status" prefix="crud.onboarding_status" />
            </DataTable.Col>
            <DataTable.Col source="plannedGoLive" label="crud.authority.planned_go_live">
              <LocalizedDateField source="plannedGoLive" />
            </DataTable.Col>
            <DataTable.Col source="liveAt" label="crud.authority.live_at">
              <LocalizedDateField source="liveAt" />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="crud.authority.tab_blockers" path="blockers">
        <OpenBlockers />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="meeting.overdue.title" path="action-items">
        <AuthorityOverdueActionItems />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="crud.authority.tab_contacts" path="contacts">
        <ReferenceManyField reference="Onboarding" target="authorityId" perPage={100} label={false} queryOptions={ONBOARDING_QUERY}>
          <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="serviceId" label="crud.authority.service">
              <ReferenceField source="serviceId" reference="Service" link={false} />
            </DataTable.Col>
            <DataTable.Col source="owner" label="crud.authority.owner" />
            <DataTable.Col source="subjectContact" label="crud.authority.subject_contact" />
            <DataTable.Col source="technicalContact" label="crud.authority.technical_contact" />
          </DataTable>
        </ReferenceManyField>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="crud.history.title" path="history">
        <HistoryTimeline entityType="Authority" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);

export default AuthorityShow;
