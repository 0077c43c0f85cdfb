import { parse } from 'graphql';
import { useMemo } from 'react';
import { useGuardedSession } from '../common/useGuardedSession';

/** Wave and guide operations beyond CRUD, over the session's GraphQL client. */

export interface GuideSectionVersion {
  revision: number;
  title: string;
  body: string;
  milestoneKey: string | null;
  author: string;
  createdAt: string;
}

export interface WaveMemberCandidate {
  id: string;
  displayName: string;
  role: string;
}

const ASSIGN = parse(`mutation assignToWave($ids: [ID!]!, $waveId: ID) { assignToWave(onboardingIds: $ids, waveId: $waveId) { id waveId version } }`);
const CANDIDATES = parse(`query waveMemberCandidates { waveMemberCandidates { id displayName role } }`);
const VERSIONS = parse(`query guideSectionVersions($id: ID!) { guideSectionVersions(sectionId: $id) { revision title body milestoneKey author createdAt } }`);
const REORDER = parse(`mutation reorderGuideSections($serviceId: ID!, $ids: [ID!]!) { reorderGuideSections(serviceId: $serviceId, sectionIds: $ids) { serviceId sections { id position } } }`);

export interface WaveApi {
  assign(onboardingIds: string[], waveId: string | null): Promise<void>;
  memberCandidates(): Promise<WaveMemberCandidate[]>;
  versions(sectionId: string): Promise<GuideSectionVersion[]>;
  reorder(serviceId: string, sectionIds: string[]): Promise<void>;
}

export function useWaveApi(): WaveApi {
  const { session, guard } = useGuardedSession();
  return useMemo(
    () => ({
      assign: async (ids, waveId) => {
        await guard(session.mutate(ASSIGN, { ids, waveId }));
      },
      memberCandidates: async () => (await guard(session.query<{ waveMemberCandidates: WaveMemberCandidate[] }>(CANDIDATES, {}))).waveMemberCandidates,
      versions: async (id) => (await guard(session.query<{ guideSectionVersions: GuideSectionVersion[] }>(VERSIONS, { id }))).guideSectionVersions,
      reorder: async (serviceId, ids) => {
        await guard(session.mutate(REORDER, { serviceId, ids }));
      },
    }),
    [session, guard],
  );
}
