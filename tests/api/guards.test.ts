import { BLOCKER, MILESTONE, WorkflowFixture, firstError, isoDay, ok, reasonsOf, type Blocker, type Milestone } from './workflow-fixture.js';

/** Rules that other paths (delete, partial updates, odd input) must not get round. */
let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

describe('deletes do not get round the workflow rules', () => {
  it('a required milestone cannot be deleted (mark it not applicable instead); an optional one can', async () => {
    const o = await fx.onboard();
    const ms = ok<Milestone[]>(await fx.gql(`{ allMilestones(filter: { onboardingId: "${o.id}" }, perPage: 20) { ${MILESTONE} } }`), 'allMilestones');
    const required = ms.find((m) => m.key === 'DVDV_ENTRY')!;
    const optional = ms.find((m) => m.key === 'ANNOUNCEMENT')!;
    const before = await fx.counts();
    const r = await fx.gql(`mutation { deleteMilestone(id: "${required.id}") { id } }`);
    expect(firstError(r).code).toBe('TRANSITION_NOT_ALLOWED');
    expect(reasonsOf(r)[0]).toMatch(/is required; mark it not applicable/);
    expect(await fx.counts()).toEqual(before);
    expect((await fx.gql(`mutation { deleteMilestone(id: "${optional.id}") { id } }`)).errors).toBeUndefined();
  });

  it('an open blocking obstacle cannot be deleted (resolve it instead); a resolved one can', async () => {
    const o = await fx.onboard();
    const b = await fx.blocker(o.id, { title: 'DVDV-Eintrag fehlt', severity: 'BLOCKING', category: 'TECHNICAL' });
    const r = await fx.gql(`mutation { deleteBlocker(id: "${b.id}") { id } }`);
    expect(firstError(r).code).toBe('TRANSITION_NOT_ALLOWED');
    expect(reasonsOf(r)[0]).toMatch(/open and blocking; resolve it/);
    const resolved = ok<Blocker>(await fx.gql(`mutation { resolveBlocker(id: "${b.id}", version: ${b.version}, resolution: "Eintrag angelegt") { ${BLOCKER} } }`), 'resolveBlocker');
    expect((await fx.gql(`mutation { deleteBlocker(id: "${resolved.id}") { id } }`)).errors).toBeUndefined();
  });
});

describe('odd input', () => {
  it('an obstacle cannot be opened in the future', async () => {
    const o = await fx.onboard();
    const r = await fx.gql(`mutation { createBlocker(onboardingId: "${o.id}", title: "x", category: LEGAL, severity: INFO, openedAt: "${isoDay(3)}") { id } }`);
    expect(firstError(r)).toMatchObject({ code: 'VALIDATION', fields: ['openedAt'] });
  });

  it('a liveAt that is no date is a VALIDATION error naming liveAt', async () => {
    const o = await fx.completeRequired(await fx.onboard());
    const r = await fx.advance(o, { toStage: 'LIVE', liveAt: 'yesterday' });
    expect(firstError(r).code).toBe('VALIDATION');
    expect(r.errors![0].message).toContain('liveAt');
  });

  it('a partial update keeps the fields it does not name (no create defaults applied)', async () => {
    const created = ok<{ id: string; version: number }>(
      await fx.gql(`mutation { createSpecialistSystem(vendor: "Testhersteller", product: "Test ${Math.random()}", standard: "XAusländer", supportedVersions: ["1.17"], ozgInterface: true) { id version } }`),
      'createSpecialistSystem',
    );
    const updated = ok<Record<string, unknown>>(
      await fx.gql(`mutation { updateSpecialistSystem(id: "${created.id}", version: ${created.version}, product: "Renamed ${Math.random()}") { standard supportedVersions ozgInterface version } }`),
      'updateSpecialistSystem',
    );
    expect(updated).toMatchObject({ standard: 'XAusländer', supportedVersions: ['1.17'], ozgInterface: true, version: 2 });
  });
});
