import { AutocompleteInput, ReferenceInput, SelectInput, type SelectInputProps } from 'react-admin';
import { enumChoices, type EnumName } from './enums';

/** A select of an enum's values, labelled in the chosen language. */
export const EnumInput = ({ enumName, ...props }: SelectInputProps & { enumName: EnumName; source: string }) => (
  <SelectInput choices={enumChoices(enumName)} {...props} />
);

/** A state, chosen by name. */
export const StateInput = ({ source = 'stateId', ...props }: { source?: string; alwaysOn?: boolean; label?: string; disabled?: boolean; readOnly?: boolean; helperText?: string | false }) => (
  <ReferenceInput source={source} reference="State" sort={{ field: 'name', order: 'ASC' }} perPage={20}>
    <AutocompleteInput optionText="name" {...props} />
  </ReferenceInput>
);

/** A service, chosen by name. */
export const ServiceInput = ({ source = 'serviceId', ...props }: { source?: string; alwaysOn?: boolean; label?: string; readOnly?: boolean }) => (
  <ReferenceInput source={source} reference="Service" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput optionText="name" {...props} />
  </ReferenceInput>
);

/** A specialist system, chosen by vendor and product. */
export const SpecialistSystemInput = ({ source = 'specialistSystemId', ...props }: { source?: string; alwaysOn?: boolean; label?: string }) => (
  <ReferenceInput source={source} reference="SpecialistSystem" sort={{ field: 'vendor', order: 'ASC' }}>
    <AutocompleteInput optionText={(r: { vendor?: string; product?: string }) => `${r.vendor ?? ''} – ${r.product ?? ''}`} {...props} />
  </ReferenceInput>
);
