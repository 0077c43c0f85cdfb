import { TopToolbar, ListButton } from 'react-admin';
import { VersionedEdit } from '../common/forms';
import { HistoryButtonLabeled } from './HistoryButtonLabeled';
import { GuideSectionForm, sectionInput } from './GuideSectionForm';

const Actions = () => (
  <TopToolbar>
    <HistoryButtonLabeled />
    <ListButton />
  </TopToolbar>
);

const GuideSectionEdit = () => (
  <VersionedEdit transform={sectionInput} redirect="list" actions={<Actions />} title="guide.name">
    <GuideSectionForm />
  </VersionedEdit>
);

export default GuideSectionEdit;
