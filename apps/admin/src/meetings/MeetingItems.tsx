import { validateMeetingItem } from '@efa/domain';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import { Box, Button, Dialog, DialogContent, DialogTitle, IconButton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import {
  AutocompleteInput,
  CreateBase,
  DateInput,
  DeleteButton,
  EditBase,
  Form,
  ReferenceField,
  RecordContextProvider,
  ReferenceInput,
  SaveButton,
  SelectInput,
  TextInput,
  required,
  useCanAccess,
  useGetIdentity,
  useGetList,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { useRuleValidator, useSaveErrorHandler } from '../common/forms';
import { useIntlLocale } from '../common/useIntlLocale';
import { OnboardingRef } from '../milestones/MilestoneList';
import { ITEM_KIND_CHOICES, ITEM_META, ItemStatusField, STATUS_CHOICES, type MeetingItemRecord } from './shared';

const f = (field: string) => `meeting.item_fields.${field}`;
const ONBOARDING_OPTION_META = { sparseFields: ['id', { authority: ['name'] }, { service: ['name'] }] };

/** The values an item's create or update sends: empty texts and ids as null. */
export { ItemFields, useItemValidator };

export function toItemInput(data: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const key of ['id', 'version', 'meetingId', 'kind', 'text', 'ownerUserId', 'ownerOrganisation', 'dueDate', 'status', 'onboardingId', 'reuseContractId', 'authorityId', 'blockerId']) {
    if (key in data) out[key] = data[key] === '' ? null : data[key];
  }
  if (out.kind === 'DECISION') {
    out.status = null;
    out.dueDate = null;
  }
  return out;
}

const AssignMeButton = () => {
  const { setValue } = useFormContext();
  const { data: identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  return (
    <Button size="small" onClick={() => { setValue('ownerUserId', identity.id, { shouldDirty: true }); setValue('ownerOrganisation', null, { shouldDirty: true }); }}>
      {translate('meeting.actions.assign_me')}
    </Button>
  );
};

/** Owner: a user (administrators pick any; others can take it on themselves) or an organisation's name. */
const OwnerInputs = () => {
  const { canAccess: listsUsers } = useCanAccess({ resource: 'User', action: 'list' });
  const { data: identity } = useGetIdentity();
  const { watch } = useFormContext();
  const ownerUserId = watch('ownerUserId') as string | null;
  const users = useGetList('User', { pagination: { page: 1, perPage: 500 }, sort: { field: 'displayName', order: 'ASC' } }, { enabled: Boolean(listsUsers) });
  const choices = listsUsers
    ? (users.data ?? []).map((u) => ({ id: u.id, name: String(u.displayName) }))
    : identity
      ? [{ id: identity.id, name: String(identity.fullName) }, ...(ownerUserId && ownerUserId !== identity.id ? [{ id: ownerUserId, name: '…' }] : [])]
      : [];
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
      <SelectInput source="ownerUserId" label={f('ownerUserId')} choices={choices} emptyText="—" sx={{ minWidth: 220 }} />
      <AssignMeButton />
      <TextInput source="ownerOrganisation" label={f('ownerOrganisation')} sx={{ minWidth: 260 }} />
    </Box>
  );
};

const ItemFields = () => {
  const { watch } = useFormContext();
  const isAction = watch('kind') === 'ACTION_ITEM';
  return (
    <>
      <SelectInput source="kind" label={f('kind')} choices={ITEM_KIND_CHOICES} validate={required()} />
      <TextInput source="text" label={f('text')} multiline minRows={2} fullWidth validate={required()} />
      <OwnerInputs />
      {isAction ? (
        <Box sx={{ display: 'flex', gap: 1 }}>
          <DateInput source="dueDate" label={f('dueDate')} />
          <SelectInput source="status" label={f('status')} choices={STATUS_CHOICES} />
        </Box>
      ) : null}
      <Typography variant="subtitle2">{useTranslate()('meeting.item_fields.links')}</Typography>
      <ReferenceInput source="onboardingId" reference="Onboarding" queryOptions={{ meta: ONBOARDING_OPTION_META }} sort={{ field: 'authorityId', order: 'ASC' }}>
        <AutocompleteInput
          label={f('onboardingId')}
          optionText={(r: { authority?: { name: string }; service?: { name: string } }) => `${r.authority?.name ?? ''} · ${r.service?.name ?? ''}`}
          filterToQuery={(q) => ({ q })}
          fullWidth
        />
      </ReferenceInput>
      <ReferenceInput source="authorityId" reference="Authority" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput label={f('authorityId')} optionText="name" fullWidth />
      </ReferenceInput>
    </>
  );
};

function useItemValidator() {
  return useRuleValidator((r) => validateMeetingItem(r), (v) => toItemInput(v));
}

/** An item in a dialog, created or edited with react-admin's CreateBase / EditBase and the same rules as the API. */
const ItemDialog = ({ open, onClose, meetingId, id, kind }: { open: boolean; onClose: () => void; meetingId: string; id?: Identifier; kind?: string }) => {
  const translate = useTranslate();
  const onError = useSaveErrorHandler();
  const validate = useItemValidator();
  const form = (
    <Form validate={validate}>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <ItemFields />
        <Box sx={{ display: 'flex', gap: 1, justifyContent: 'space-between' }}>
          <Box sx={{ display: 'flex', gap: 1 }}>
            <SaveButton label="meeting.actions.save" />
            <Button onClick={onClose}>{translate('meeting.actions.cancel')}</Button>
          </Box>
          {id ? <DeleteButton resource="MeetingItem" mutationMode="pessimistic" redirect={false} mutationOptions={{ onSuccess: onClose }} label="meeting.actions.delete_item" /> : null}
        </Box>
      </DialogContent>
    </Form>
  );
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md">
      <DialogTitle>{translate(id ? 'meeting.actions.edit_item' : kind === 'DECISION' ? 'meeting.actions.add_decision' : 'meeting.actions.add_action_item')}</DialogTitle>
      {id ? (
        <EditBase resource="MeetingItem" id={id} mutationMode="pessimistic" queryOptions={{ meta: ITEM_META }} mutationOptions={{ meta: ITEM_META, onSuccess: onClose, onError }} transform={toItemInput} redirect={false}>
          {form}
        </EditBase>
      ) : (
        <CreateBase resource="MeetingItem" record={{ meetingId, kind, status: kind === 'ACTION_ITEM' ? 'OPEN' : null }} mutationOptions={{ meta: ITEM_META, onSuccess: onClose, onError }} transform={toItemInput} redirect={false}>
          {form}
        </CreateBase>
      )}
    </Dialog>
  );
};

/** The decisions and action items of a meeting, each editable in place (a dialog), new ones added the same way. */
export const MeetingItems = ({ meetingId }: { meetingId: string }) => {
  const translate = useTranslate();
  const locale = useIntlLocale();
  const { canAccess: mayWrite } = useCanAccess({ resource: 'MeetingItem', action: 'create' });
  const [dialog, setDialog] = useState<{ id?: Identifier; kind?: string } | null>(null);
  const { data: items = [], refetch } = useGetList<MeetingItemRecord>('MeetingItem', { filter: { meetingId }, pagination: { page: 1, perPage: 500 }, sort: { field: 'createdAt', order: 'ASC' }, meta: ITEM_META });
  const date = (d: string | null) => (d ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)) : '');
  const close = () => {
    setDialog(null);
    void refetch();
  };
  return (
    <Box data-testid="meeting-items">
      {items.length === 0 ? <Typography color="text.secondary">{translate('meeting.no_items')}</Typography> : null}
      {items.length > 0 ? (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate(f('kind'))}</TableCell>
              <TableCell>{translate(f('text'))}</TableCell>
              <TableCell>{translate(f('owner'))}</TableCell>
              <TableCell>{translate(f('dueDate'))}</TableCell>
              <TableCell>{translate(f('status'))}</TableCell>
              <TableCell>{translate(f('links'))}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((item) => (
              <RecordContextProvider key={item.id} value={item}>
                <TableRow data-item={item.id}>
                  <TableCell>{translate(`meeting.item_kind.${item.kind}`)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-line' }}>{item.text}</TableCell>
                  <TableCell>{item.ownerName ?? ''}</TableCell>
                  <TableCell>{date(item.dueDate)}</TableCell>
                  <TableCell>
                    <ItemStatusField />
                  </TableCell>
                  <TableCell>
                    {item.onboardingId ? <OnboardingRef /> : null}
                    {item.authorityId ? <ReferenceField source="authorityId" reference="Authority" link="show" /> : null}
                  </TableCell>
                  <TableCell>
                    {mayWrite ? (
                      <IconButton size="small" aria-label={translate('meeting.actions.edit_item')} onClick={() => setDialog({ id: item.id })}>
                        <EditIcon fontSize="small" />
                      </IconButton>
                    ) : null}
                  </TableCell>
                </TableRow>
              </RecordContextProvider>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {mayWrite ? (
        <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
          <Button startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'ACTION_ITEM' })} data-testid="add-action-item">
            {translate('meeting.actions.add_action_item')}
          </Button>
          <Button startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'DECISION' })}>
            {translate('meeting.actions.add_decision')}
          </Button>
        </Box>
      ) : null}
      {dialog ? <ItemDialog open onClose={close} meetingId={meetingId} id={dialog.id} kind={dialog.kind} /> : null}
    </Box>
  );
};
