import { ResourceCreate, VersionedEdit } from '../common/forms';
import { AuthorityForm } from './AuthorityForm';

export const AuthorityEdit = () => (
  <VersionedEdit>
    <AuthorityForm />
  </VersionedEdit>
);

export const AuthorityCreate = () => (
  <ResourceCreate>
    <AuthorityForm />
  </ResourceCreate>
);
