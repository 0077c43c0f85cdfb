import { BlockerCategory, BlockerSeverity, enumValues } from '@efa/domain';
import { DateInput, Edit, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar } from 'react-admin';
import { messageChoices, useProblemDialog } from '../onboardings/shared';
import { BLOCKER_META } from '../onboardings/useOnboardingContext';

const f = (field: string) => `blocker.fields.${field}`;

const pick = (data: Record<string, unknown>) => ({
  id: data.id,
  version: data.version,
  title: data.title,
  category: data.category,
  severity: data.severity,
  openedAt: data.openedAt || null,
  owner: data.owner || null,
  description: data.description || null,
});

/** updateBlocker; resolving and reopening are actions on the onboarding page (with resolution / reason). */
const BlockerEdit = () => {
  const problem = useProblemDialog();
  return (
    <Edit
      mutationMode="pessimistic"
      queryOptions={{ meta: BLOCKER_META }}
      mutationOptions={{ meta: BLOCKER_META, onError: (error) => problem.show(error) }}
      transform={pick}
      redirect={(_resource, _id, data) => `Onboarding/${String(data?.onboardingId)}/show`}
    >
      <SimpleForm toolbar={<Toolbar><SaveButton /></Toolbar>}>
        <TextInput source="title" label={f('title')} validate={required()} />
        <SelectInput source="category" label={f('category')} choices={messageChoices(enumValues(BlockerCategory), 'blocker.category')} validate={required()} />
        <SelectInput source="severity" label={f('severity')} choices={messageChoices(enumValues(BlockerSeverity), 'blocker.severity')} validate={required()} />
        <DateInput source="openedAt" label={f('openedAt')} />
        <TextInput source="owner" label={f('owner')} />
        <TextInput source="description" label={f('description')} multiline minRows={3} />
      </SimpleForm>
      {problem.dialog}
    </Edit>
  );
};

export default BlockerEdit;
