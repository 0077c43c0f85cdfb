import { DateInput, Edit, SaveButton, SimpleForm, TextInput, Toolbar } from 'react-admin';
import { useProblemDialog } from '../onboardings/shared';
import { MILESTONE_META } from '../onboardings/useOnboardingContext';

const f = (field: string) => `milestone.fields.${field}`;

const pick = (data: Record<string, unknown>) => ({
  id: data.id,
  version: data.version,
  dueDate: data.dueDate || null,
  evidenceUrl: data.evidenceUrl || null,
  note: data.note || null,
});

/** updateMilestone: due date, evidence link and note; status changes are the checklist's actions on the onboarding page. */
const MilestoneEdit = () => {
  const problem = useProblemDialog();
  return (
    <Edit
      mutationMode="pessimistic"
      queryOptions={{ meta: MILESTONE_META }}
      mutationOptions={{ meta: MILESTONE_META, onError: (error) => problem.show(error) }}
      transform={pick}
      redirect={(_resource, _id, data) => `Onboarding/${String(data?.onboardingId)}/show`}
    >
      <SimpleForm toolbar={<Toolbar><SaveButton /></Toolbar>}>
        <TextInput source="nameDe" label={f('name')} disabled />
        <DateInput source="dueDate" label={f('dueDate')} />
        <TextInput source="evidenceUrl" label={f('evidenceUrl')} type="url" />
        <TextInput source="note" label={f('note')} multiline minRows={2} />
      </SimpleForm>
      {problem.dialog}
    </Edit>
  );
};

export default MilestoneEdit;
