import { COORDINATOR_ONBOARDING_FIELDS, Role } from '@efa/domain';
import Alert from '@mui/material/Alert';
import { BooleanInput, DateInput, Edit, SaveButton, SimpleForm, TextInput, Toolbar, useTranslate, type ValidateForm } from 'react-admin';
import { ONBOARDING_DETAIL_FIELDS, ONBOARDING_FULL_META, onboardingUpdate } from './logic';
import { usePrincipal, useProblemDialog } from './shared';

const f = (field: string) => `onboarding.fields.${field}`;

const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** An absolute http(s) URL with a host (what the public status may link to). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const validateUrl: ValidateForm = (values) => {
  const errors: Record<string, string> = {};
  const url = values.applyUrl as string | null | undefined;
  if (url && !isHttpUrl(url)) errors.applyUrl = 'ra.validation.regex';
  return errors;
};

/**
 * Only the detail fields (updateOnboarding); a coordinator only the contacts.
 * Pessimistic: nothing changes on screen before the API accepted it; the
 * record's `version` goes with the update, and a stale one (CONFLICT)
 * opens a dialog with a Reload action.
 */
const OnboardingEdit = () => {
  const principal = usePrincipal();
  const problem = useProblemDialog();
  const coordinator = principal?.role === Role.STATE_COORDINATOR;
  const allowed: readonly string[] = coordinator ? COORDINATOR_ONBOARDING_FIELDS : ONBOARDING_DETAIL_FIELDS;
  const shows = (field: string) => allowed.includes(field);
  const translate = useTranslate();
  return (
    <Edit
      mutationMode="pessimistic"
      queryOptions={{ meta: ONBOARDING_FULL_META }}
      mutationOptions={{ meta: ONBOARDING_FULL_META, onError: (error) => problem.show(error) }}
      transform={(data: Record<string, unknown>) => onboardingUpdate(data, allowed)}
      redirect="show"
    >
      <SimpleForm toolbar={<EditToolbar />} validate={validateUrl}>
        {shows('plannedGoLive') && <DateInput source="plannedGoLive" label={f('plannedGoLive')} />}
        {shows('owner') && <TextInput source="owner" label={f('owner')} />}
        {shows('subjectContact') && <TextInput source="subjectContact" label={f('subjectContact')} />}
        {shows('technicalContact') && <TextInput source="technicalContact" label={f('technicalContact')} />}
        {(shows('applyUrl') || shows('publishPlan')) && (
          <Alert severity="info" sx={{ mb: 1 }} data-testid="public-help">
            {translate('onboarding.public.help')}
          </Alert>
        )}
        {shows('applyUrl') && <TextInput source="applyUrl" label={f('applyUrl')} type="url" helperText="onboarding.public.applyUrlHelp" />}
        {shows('publishPlan') && <BooleanInput source="publishPlan" label={f('publishPlan')} />}
        {shows('jiraKey') && <TextInput source="jiraKey" label={f('jiraKey')} />}
        {shows('notes') && <TextInput source="notes" label={f('notes')} multiline minRows={3} />}
      </SimpleForm>
      {problem.dialog}
    </Edit>
  );
};

export default OnboardingEdit;
