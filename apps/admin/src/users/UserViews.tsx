import { checkPassword, validateUser } from '@efa/domain';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField as MuiTextField } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { useState } from 'react';
import {
  BooleanField,
  BooleanInput,
  DataTable,
  EmailField,
  List,
  NullableBooleanInput,
  PasswordInput,
  ReferenceField,
  SelectArrayInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  EditButton,
  useDataProvider,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  FormDataConsumer,
} from 'react-admin';
import { EnumField, LocalizedDateField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { enumChoices } from '../common/enums';
import { ResourceCreate, useRuleValidator, useSaveErrorHandler, VersionedEdit } from '../common/forms';
import { HistoryTimeline } from '../common/HistoryTimeline';
import { EnumInput, StateInput } from '../common/inputs';
import { EnumFilterList, ListAside } from '../common/lists';
import { ResourceTable } from '../common/ResourceTable';
import { localizeCoded } from '../common/codedMessages';
import type { UserMethods } from './userApi';
import BadgeIcon from '@mui/icons-material/Badge';
import { ListActions } from '../export/ListActions';

const filters = [
  ...searchFilters,
  <SelectArrayInput key="role" source="role" choices={enumChoices('Role')} />,
  <StateInput key="stateId" />,
  <NullableBooleanInput key="active" source="active" />,
];

const Aside = () => (
  <ListAside>
    <EnumFilterList source="role" enumName="Role" label="resources.User.fields.role" icon={<BadgeIcon />} multiple />
  </ListAside>
);

export const UserList = () => (
  <List filters={filters} sort={{ field: 'displayName', order: 'ASC' }} actions={<ListActions />} aside={<Aside />}>
    <ResourceTable>
      <DataTable.Col source="displayName" />
      <DataTable.Col source="email">
        <EmailField source="email" />
      </DataTable.Col>
      <DataTable.Col source="role">
        <EnumField source="role" enumName="Role" />
      </DataTable.Col>
      <DataTable.Col source="stateId">
        <ReferenceField source="stateId" reference="State" />
      </DataTable.Col>
      <DataTable.Col source="active" field={BooleanField} />
      <DataTable.Col source="lastSignInAt">
        <LocalizedDateField source="lastSignInAt" showTime />
      </DataTable.Col>
    </ResourceTable>
  </List>
);

/** Sets another user's password (administrators); the user's sessions end. */
const SetPasswordButton = () => {
  const record = useRecordContext<{ id: string; version: number; email: string }>();
  const dataProvider = useDataProvider<ReturnType<typeof useDataProvider> & UserMethods>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const onError = useSaveErrorHandler();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  if (!record) return null;
  const problems = password ? checkPassword(password, record.email).map((p) => localizeCoded('issue', p, translate, locale)) : [];
  const submit = async () => {
    try {
      await dataProvider.setUserPassword({ id: String(record.id), version: record.version, password });
      notify('crud.user.password_set', { type: 'success' });
      setOpen(false);
      refresh();
    } catch (error) {
      const fieldErrors = (error as { body?: { errors?: Record<string, string> } }).body?.errors;
      if (fieldErrors) notify(Object.values(fieldErrors).map(String).join('; '), { type: 'error' });
      else onError(error);
    }
  };
  return (
    <>
      <Button size="small" startIcon={<KeyIcon />} onClick={() => (setPassword(''), setOpen(true))}>
        {translate('crud.user.set_password')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate('crud.user.set_password')}</DialogTitle>
        <DialogContent sx={{ pt: '8px !important', minWidth: 320 }}>
          <MuiTextField
            type="password"
            autoComplete="new-password"
            label={translate('crud.user.new_password')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={problems.length > 0}
            helperText={problems.join('; ') || translate('crud.user.password_hint')}
            fullWidth
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={submit} disabled={!password || problems.length > 0}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

export const UserShow = () => (
  <Show
    actions={
      <TopToolbar>
        <SetPasswordButton />
        <EditButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="displayName" />
      <EmailField source="email" />
      <EnumField source="role" enumName="Role" />
      <ReferenceField source="stateId" reference="State" link="show" />
      <BooleanField source="active" />
      <BooleanField source="hasPassword" />
      <BooleanField source="isDemo" />
      <LocalizedDateField source="lastSignInAt" showTime />
      <LocalizedDateField source="createdAt" showTime />
      <HistoryTimeline entityType="User" />
    </SimpleShowLayout>
  </Show>
);

const UserForm = ({ create }: { create?: boolean }) => {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const rules = useRuleValidator(validateUser, (v) => ({ ...v, active: v.active !== false }));
  const validate = (values: Record<string, unknown>) => {
    const errors: Record<string, string> = rules(values);
    if (create && typeof values.password === 'string' && values.password) {
      const problems = checkPassword(values.password, typeof values.email === 'string' ? values.email : undefined);
      if (problems.length > 0) errors.password = problems.map((p) => localizeCoded('issue', p, translate, locale)).join('; ');
    }
    return errors;
  };
  return (
    <SimpleForm validate={validate}>
      <TextInput source="displayName" />
      <TextInput source="email" type="email" />
      <EnumInput source="role" enumName="Role" />
      <FormDataConsumer<{ role?: string }>>{({ formData }) => (formData.role === 'STATE_COORDINATOR' ? <StateInput /> : null)}</FormDataConsumer>
      <BooleanInput source="active" />
      {create ? <PasswordInput source="password" autoComplete="new-password" helperText="crud.user.initial_password_hint" /> : null}
    </SimpleForm>
  );
};

/** Only a coordinator has a state: clear it for every other role. */
const withoutStrayState = (data: Record<string, unknown>) => (data.role === 'STATE_COORDINATOR' ? data : { ...data, stateId: null });

export const UserEdit = () => (
  <VersionedEdit transform={withoutStrayState}>
    <UserForm />
  </VersionedEdit>
);

export const UserCreate = () => (
  <ResourceCreate record={{ active: true }} transform={withoutStrayState}>
    <UserForm create />
  </ResourceCreate>
);
