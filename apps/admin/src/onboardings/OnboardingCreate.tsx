import { AutocompleteInput, DateInput, ReferenceInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { ResourceCreate } from '../common/forms';
import { ONBOARDING_META } from './logic';

const f = (field: string) => `onboarding.fields.${field}`;

/**
 * A new onboarding (createOnboarding): authority and service, optionally the
 * planned go-live and the owner. It starts in the service's first stage with
 * its milestone templates. Opened from the list or from an authority's page
 * (then with the authority filled in). A second onboarding of the same
 * authority and service is refused by the API with CONFLICT, shown at the
 * service field.
 */
const OnboardingCreate = () => (
  <ResourceCreate title="onboarding.create_title" meta={ONBOARDING_META}>
    <SimpleForm>
      <ReferenceInput source="authorityId" reference="Authority" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput label={f('authorityId')} optionText="name" validate={required()} filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 420 }} />
      </ReferenceInput>
      <ReferenceInput source="serviceId" reference="Service" sort={{ field: 'name', order: 'ASC' }}>
        <SelectInput label={f('serviceId')} optionText="name" validate={required()} sx={{ minWidth: 420 }} />
      </ReferenceInput>
      <DateInput source="plannedGoLive" label={f('plannedGoLive')} />
      <TextInput source="owner" label={f('owner')} sx={{ minWidth: 420 }} />
    </SimpleForm>
  </ResourceCreate>
);

export default OnboardingCreate;
