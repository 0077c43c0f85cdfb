import { checkArs } from './identifiers.js';
import { validateCostKey, yearIssues } from './costs.js';
import { checkLeikaKeys, checkOzgId } from './identifiers.js';
import { ISSUE_TEMPLATES, REASON_TEMPLATES, issueAt, issueText, refusalReason } from './messages.js';
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

  it('codes the issues of cost keys, yearly costs and the API arguments; their English message stays as it was', () => {
    expect(yearIssues('year', 1999)).toEqual([issueAt('year', 'YEAR_OUT_OF_RANGE', { min: 2000, max: 2100, value: '1999' })]);
    expect(yearIssues('year', 1999)[0].message).toBe('must be a year between 2000 and 2100, got 1999');
    expect(validateCostKey({ name: 'K', kind: 'OTHER', year: 2016 })).toMatchObject([{ field: 'kind', code: 'NOT_ONE_OF', params: { input: 'OTHER', values: 'KOENIGSTEINER, COMBINED' } }]);
    expect(issueText('COST_KEY_NAME_TAKEN', { name: 'KS', year: 2016 }).message).toBe('a cost key "KS" for 2016 already exists');
    expect(issueText('SERVICE_COST_RECORDED', { year: 2023 }).message).toBe('the costs of this service for 2023 are already recorded; edit that record');
    expect(issueText('TOO_MANY_COST_KEYS', { max: 10, count: 11 }).message).toBe('compare at most 10 keys at once, got 11');
    expect(issueText('NO_COSTS_RECORDED', { service: 'Aufenthaltstitel', year: 2023 }).message).toBe('no costs are recorded for Aufenthaltstitel in 2023; record them first (ServiceCost)');
    expect(issueText('NO_STATE_SIGNED', { year: 2023, service: 'S', key: 'KS' }).message).toBe('no state has signed for 2023 to S (key "KS"): nobody to share its costs');
    expect(issueText('NOT_A_DATE_OR_DATE_TIME', { value: '"x"' }).message).toBe('must be a date (YYYY-MM-DD) or a date and time (ISO 8601), got "x"');
    expect(refusalReason('SIGNED_LATER', { signedAt: '2024-03-01', year: 2023 }).message).toBe('signed only on 2024-03-01, after 2023');
    expect(checkOzgId('x')).toEqual([{ field: 'ozgId', code: 'OZG_ID_FORMAT', params: { input: 'x' }, message: 'must be 1 to 6 digits, got "x"' }]);
    expect(checkLeikaKeys(['1', 2])).toMatchObject([{ code: 'LEIKA_KEYS_INVALID', params: { invalid: '1, 2' }, message: 'must be 14-digit keys; invalid: 1, 2' }]);
  });
});
