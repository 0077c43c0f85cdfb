import { ResourceCreate } from '../common/forms';
import { GuideSectionForm, sectionInput } from './GuideSectionForm';

const GuideSectionCreate = () => (
  <ResourceCreate transform={sectionInput} redirect="list" title="guide.name">
    <GuideSectionForm create />
  </ResourceCreate>
);

export default GuideSectionCreate;
