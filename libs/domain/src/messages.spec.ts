import { checkArs } from './identifiers.js';
import { ISSUE_TEMPLATES, REASON_TEMPLATES, issueText, refusalReason } from './messages.js';
import { validateAuthority, validateBlocker, validateService, validateUser } from './rules.js';

describe('coded messages', () => {
  it('builds the English message from the code and its params', () => {
    expect(refusalReason('MILESTONE_NOT_DONE', { milestone: 'Test application', stage: 'TEST' })).toEqual({
      code: 'MILESTONE_NOT_DONE',
      params: { milestone: 'Test application', stage: 'TEST' },
      message: 'required milestone not done: Test application (TEST)',
    });
    expect(issueText('TOO_LONG', { max: 200 }).message).toBe('must be at most 200 characters');
  });

  it('has codes written in upper snake case, reasons and issues apart', () => {
    for (const code of [...Object.keys(REASON_TEMPLATES), ...Object.keys(ISSUE_TEMPLATES)]) expect(code).toMatch(/^[A-Z][A-Z_]*$/);
    expect(Object.keys(REASON_TEMPLATES).filter((c) => c in ISSUE_TEMPLATES)).toEqual([]);
  });

  it('gives the validation issues of the rules their code and params', () => {
    const authority = { name: 'x'.repeat(201), kind: 'PALACE', level: 'DISTRICT', stateCode: 'BB', ars: '150850000000', population: -1, website: 'ftp://x' };
    const byField = Object.fromEntries(validateAuthority(authority).map((i) => [i.field, i]));
    expect(byField.name).toEqual({ field: 'name', code: 'TOO_LONG', params: { max: 200 }, message: 'must be at most 200 characters' });
    expect(byField.kind).toMatchObject({ code: 'NOT_ONE_OF', params: { input: 'PALACE' } });
    expect(String(byField.kind.params?.values)).toContain('FOREIGNERS_AUTHORITY');
    expect(byField.population).toMatchObject({ code: 'NEGATIVE', params: { min: 0 } });
    expect(byField.website).toMatchObject({ code: 'NOT_HTTP_URL' });
    expect(validateAuthority({ name: 'ABH', kind: 'FOREIGNERS_AUTHORITY', level: 'DISTRICT', stateCode: 'BB', ars: '150850000000' })).toEqual([
      {
        field: 'ars',
        code: 'ARS_OTHER_STATE',
        params: { prefix: '15', prefixState: 'Sachsen-Anhalt', state: 'Brandenburg', statePrefix: '12' },
        message: 'starts with 15 (Sachsen-Anhalt) but the authority belongs to Brandenburg (12)',
      },
    ]);
    expect(validateService({ name: 'S', topicField: 'IMMIGRATION_AND_EMIGRATION', ozgType: 9 })).toContainEqual({
      field: 'ozgType',
      code: 'TOO_LARGE',
      params: { max: 5 },
      message: 'must be at most 5',
    });
    expect(validateBlocker({ title: 'T', category: 'LEGAL', severity: 'INFO', openedAt: '2023-05-02', resolvedAt: '2023-05-01' })).toEqual([
      {
        field: 'resolvedAt',
        code: 'DATE_BEFORE',
        params: { value: '2023-05-01', other: 'openedAt', otherValue: '2023-05-02' },
        message: '(2023-05-01) must not be before openedAt (2023-05-02)',
      },
    ]);
    expect(validateUser({ email: 'a@b.de', displayName: 'A', role: 'STEERING_MEMBER', stateId: 'x', active: true })).toMatchObject([{ field: 'stateId', code: 'STATE_ONLY_FOR_COORDINATOR' }]);
    expect(checkArs('99', undefined)).toMatchObject([{ code: 'ARS_FORMAT', params: { input: '99' } }]);
  });
});
