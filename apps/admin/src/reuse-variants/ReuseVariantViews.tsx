import CategoryIcon from '@mui/icons-material/Category';
import { validateReuseVariant } from '@efa/domain';
import {
  DataTable,
  FilterList,
  FilterListItem,
  List,
  Loading,
  NumberField,
  ReferenceField,
  SelectArrayInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  useTranslate,
} from 'react-admin';
import { KeyField, LocalizedDateField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { ResourceCreate, useRuleValidator, VersionedEdit } from '../common/forms';
import { HistoryTimeline } from '../common/HistoryTimeline';
import { ServiceInput, StateInput } from '../common/inputs';
import { ListAside, useStateFilterDefault } from '../common/lists';
import { ResourceTable } from '../common/ResourceTable';
import { ListActions } from '../export/ListActions';

/** ReuseVariantKind values, labelled `crud.variant.<VALUE>`. */
const VARIANTS = ['EFA_REUSE', 'OWN_FORM', 'EXISTING_STATE_SOLUTION', 'NONE_PLANNED'] as const;
const variantChoices = VARIANTS.map((id) => ({ id, name: `crud.variant.${id}` }));

const filters = [
  ...searchFilters,
  <StateInput key="stateId" alwaysOn />,
  <ServiceInput key="serviceId" alwaysOn />,
  <SelectArrayInput key="variant" source="variant" choices={variantChoices} />,
];

const Aside = () => {
  const translate = useTranslate();
  return (
    <ListAside>
      <FilterList label="resources.ReuseVariant.fields.variant" icon={<CategoryIcon />}>
        {VARIANTS.map((v) => (
          <FilterListItem key={v} label={translate(`crud.variant.${v}`)} value={{ variant: [v] }} />
        ))}
      </FilterList>
    </ListAside>
  );
};

export const ReuseVariantList = () => {
  const { ready, defaults } = useStateFilterDefault();
  if (!ready) return <Loading />;
  return (
    <List filters={filters} filterDefaultValues={defaults} sort={{ field: 'stateId', order: 'ASC' }} actions={<ListActions />} aside={<Aside />}>
      <ResourceTable>
        <DataTable.Col source="stateId">
          <ReferenceField source="stateId" reference="State" />
        </DataTable.Col>
        <DataTable.Col source="serviceId">
          <ReferenceField source="serviceId" reference="Service" />
        </DataTable.Col>
        <DataTable.Col source="variant">
          <KeyField source="variant" prefix="crud.variant" />
        </DataTable.Col>
        <DataTable.Col source="note" />
        <DataTable.Col source="updatedAt">
          <LocalizedDateField source="updatedAt" showTime />
        </DataTable.Col>
      </ResourceTable>
    </List>
  );
};

export const ReuseVariantShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField source="stateId" reference="State" link="show" />
      <ReferenceField source="serviceId" reference="Service" link="show" />
      <KeyField source="variant" prefix="crud.variant" />
      <TextField source="note" sx={{ whiteSpace: 'pre-line' }} />
      <NumberField source="version" />
      <HistoryTimeline entityType="ReuseVariant" />
    </SimpleShowLayout>
  </Show>
);

const ReuseVariantForm = ({ create }: { create?: boolean }) => {
  const validate = useRuleValidator(validateReuseVariant);
  return (
    <SimpleForm validate={validate}>
      <StateInput readOnly={!create} />
      <ServiceInput readOnly={!create} />
      <SelectInput source="variant" choices={variantChoices} />
      <TextInput source="note" multiline minRows={3} fullWidth />
    </SimpleForm>
  );
};

export const ReuseVariantEdit = () => (
  <VersionedEdit>
    <ReuseVariantForm />
  </VersionedEdit>
);

export const ReuseVariantCreate = () => (
  <ResourceCreate>
    <ReuseVariantForm create />
  </ResourceCreate>
);
