import type { Identifier, RaRecord } from 'react-admin';

/**
 * Records as the console reads them from the GraphQL API (dates arrive as
 * ISO strings: DateTime fields with time, LocalDate fields as YYYY-MM-DD).
 * Enum-typed fields hold the GraphQL enum value names. Mirrors
 * apps/api/schema.graphql (the console talks GraphQL, it imports no api code).
 */

interface VersionedRecord extends RaRecord {
  /** Optimistic-locking version; update mutations send it back. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface StateRecord extends VersionedRecord {
  code: string;
  name: string;
  arsPrefix: string;
  /** Königsteiner Schlüssel share in percent. */
  koenigsteinShare: number | null;
}

export interface AuthorityRecord extends VersionedRecord {
  name: string;
  kind: string;
  level: string;
  stateId: Identifier;
  /** Amtlicher Regionalschlüssel, 12 digits. */
  ars: string;
  population: number | null;
  specialistSystemId: Identifier | null;
  website: string | null;
  email: string | null;
  notes: string | null;
}

export interface ServiceRecord extends VersionedRecord {
  name: string;
  description: string | null;
  ozgId: string | null;
  leikaKeys: string[];
  topicField: string;
  leadStateId: Identifier | null;
  provider: string | null;
  ozgType: number | null;
  maturityLevel: number | null;
  standard: string | null;
  requiredStandardVersion: string | null;
  website: string | null;
}

export interface SpecialistSystemRecord extends VersionedRecord {
  vendor: string;
  product: string;
  standard: string;
  supportedVersions: string[];
  ozgInterface: boolean;
}

export interface ReuseContractRecord extends VersionedRecord {
  stateId: Identifier;
  serviceId: Identifier;
  status: string;
  legalRoute: string | null;
  municipalAccess: string | null;
  interestDeclaredAt: string | null;
  negotiationStartedAt: string | null;
  signedAt: string | null;
  terminatedAt: string | null;
  notes: string | null;
}
