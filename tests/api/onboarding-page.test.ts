/**
 * The onboarding page's one query: Onboarding with the fields the console's show page reads from
 * its record (contractSigned, wave, stages, guideSections, timeline, watching, overdueActionItems)
 * gives the same as the separate queries the page sent before (the contract list with the service's
 * lead state, allServiceStages, allGuideSections, onboardingTimeline, myWatches, overdueActionItems),
 * through GraphQL over HTTP on a real database.
 */
import { EVENT, WorkflowFixture, isoDay, ok, random } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

const PAGE = `query($id: ID!) { Onboarding(id: $id) {
  id contractSigned wave { id name }
  stages { id serviceId key nameDe nameEn position }
  guideSections { id serviceId position title body milestoneKey revision }
  timeline { ${EVENT} subject }
  watching
  overdueActionItems { total items { itemId meetingId meetingTitle text owner status dueDate daysOverdue onboardingId authorityId authorityName stateCode } }
} }`;

interface Page {
  id: string;
  contractSigned: boolean;
  wave: { id: string; name: string } | null;
  stages: unknown[];
  guideSections: unknown[];
  timeline: Array<{ id: string; entityType: string }>;
  watching: boolean;
  overdueActionItems: { total: number; items: Array<{ itemId: string }> };
}

const page = async (id: string) => ok<Page>(await fx.gql(PAGE, { id }), 'Onboarding');

describe('Onboarding: the page query', () => {
  it('contractSigned: the lead state and a signed contract let it go live; negotiating, terminated or none do not', async () => {
    // The fixture's service is led by BB; NW and ST signed, SN negotiating, TH terminated, HE none.
    const expected: Record<string, boolean> = { BB: true, NW: true, ST: true, SN: false, TH: false, HE: false };
    for (const [code, signed] of Object.entries(expected)) {
      const o = await fx.onboard(code);
      expect([code, (await page(o.id)).contractSigned]).toEqual([code, signed]);
    }
  });

  it('stages and guide sections: those of its service in order, as allServiceStages and allGuideSections give them', async () => {
    const o = await fx.onboard('NW');
    const section = ok(
      await fx.gql(`mutation($s: ID!) { createGuideSection(serviceId: $s, title: "Routing", body: "## DVDV", milestoneKey: "DVDV_ENTRY") { id } }`, { s: fx.serviceId }),
      'createGuideSection',
    );
    const p = await page(o.id);
    const stages = ok(await fx.gql(`query($s: ID) { allServiceStages(filter: { serviceId: $s }, sortField: "position", perPage: 100) { id serviceId key nameDe nameEn position } }`, { s: fx.serviceId }), 'allServiceStages');
    const guide = ok(
      await fx.gql(`query($s: ID) { allGuideSections(filter: { serviceId: $s }, sortField: "position", perPage: 500) { id serviceId position title body milestoneKey revision } }`, { s: fx.serviceId }),
      'allGuideSections',
    );
    expect(p.stages.length).toBeGreaterThan(0);
    expect(p.stages).toEqual(stages);
    expect(p.guideSections).toEqual(guide);
    expect(p.guideSections).toContainEqual(expect.objectContaining({ id: section.id, milestoneKey: 'DVDV_ENTRY' }));
    expect(p.wave).toBeNull();
  });

  it('timeline: the same entries as onboardingTimeline (the onboarding, its milestones and obstacles)', async () => {
    const o = await fx.onboard('NW');
    await fx.blocker(o.id, { severity: 'DELAYING' });
    const [m] = ok<Array<{ id: string; version: number }>>(await fx.gql(`query($o: ID) { allMilestones(filter: { onboardingId: $o }, perPage: 1, sortField: "position") { id version } }`, { o: o.id }), 'allMilestones');
    ok(await fx.gql(`mutation($id: ID!, $v: Int!) { completeMilestone(id: $id, version: $v, note: "erledigt") { id } }`, { id: m.id, v: m.version }), 'completeMilestone');
    const timeline = ok(await fx.gql(`query($id: ID!) { onboardingTimeline(id: $id) { ${EVENT} subject } }`, { id: o.id }), 'onboardingTimeline');
    const p = await page(o.id);
    expect(p.timeline).toEqual(timeline);
    expect(new Set(p.timeline.map((e) => e.entityType))).toEqual(new Set(['Onboarding', 'Milestone', 'Blocker']));
  });

  it('watching: whether the signed-in user watches it, as myWatches says', async () => {
    const o = await fx.onboard('NW');
    expect((await page(o.id)).watching).toBe(false);
    ok(await fx.gql(`mutation($id: ID!) { watch(targetType: ONBOARDING, targetId: $id) { id } }`, { id: o.id }), 'watch');
    expect((await page(o.id)).watching).toBe(true);
    // another user's page is their own
    expect(ok<Page>(await fx.t.as('ROLLOUT_MANAGER').gql(PAGE, { id: o.id }), 'Onboarding').watching).toBe(false);
    ok(await fx.gql(`mutation($id: ID!) { unwatch(targetType: ONBOARDING, targetId: $id) }`, { id: o.id }), 'unwatch');
    expect((await page(o.id)).watching).toBe(false);
  });

  it('overdueActionItems: the items overdue now linked to it, as overdueActionItems(onboardingId) lists them', async () => {
    const o = await fx.onboard('NW');
    const at = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
    const meeting = ok<{ id: string }>(
      await fx.gql(`mutation($t: String!, $s: DateTime!, $e: DateTime!) { createMeeting(kind: PROJECT_MEETING, title: $t, startsAt: $s, endsAt: $e) { id } }`, { t: `Projekt ${random()}`, s: at(-240), e: at(-239) }),
      'createMeeting',
    );
    const item = ok<{ id: string }>(
      await fx.gql(`mutation($m: ID!, $o: ID!, $d: LocalDate) { createMeetingItem(meetingId: $m, kind: ACTION_ITEM, text: "Schnittstelle bestellen", ownerOrganisation: "Behörde", dueDate: $d, onboardingId: $o) { id } }`, {
        m: meeting.id,
        o: o.id,
        d: isoDay(-3),
      }),
      'createMeetingItem',
    );
    const separate = ok(
      await fx.gql(`query($o: ID) { overdueActionItems(onboardingId: $o) { total items { itemId meetingId meetingTitle text owner status dueDate daysOverdue onboardingId authorityId authorityName stateCode } } }`, { o: o.id }),
      'overdueActionItems',
    );
    const p = await page(o.id);
    expect(p.overdueActionItems).toEqual(separate);
    expect(p.overdueActionItems.items.map((i) => i.itemId)).toEqual([item.id]);
  });
});
