import { DomainError, ErrorCode, assertNoIssues, isDomainError } from './errors.js';
import { isIsoDate, validateAuthority, validateContract, validateService, validateSpecialistSystem, validateState } from './rules.js';

const authority = {
  name: 'Ausländerbehörde Landkreis Elbe-Elster',
  kind: 'FOREIGNERS_AUTHORITY',
  level: 'DISTRICT',
  stateCode: 'BB',
  ars: '120620000000',
  population: 102638,
};

describe('authority rules', () => {
  it('accepts a valid authority', () => {
    expect(validateAuthority(authority)).toEqual([]);
  });

  it('names each bad field with its problem', () => {
    const issues = validateAuthority({ ...authority, name: ' ', ars: '12-062', population: -5, kind: 'PALACE', website: 'ftp://x' });
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    expect(byField.name).toBe('is required');
    expect(byField.ars).toBe('must be exactly 12 digits');
    expect(byField.population).toBe('must not be negative');
    expect(byField.kind).toMatch(/must be one of FOREIGNERS_AUTHORITY, .* got "PALACE"/);
    expect(byField.website).toBe('must be an http(s) address');
  });

  it('requires the ARS prefix to match the state', () => {
    expect(validateAuthority({ ...authority, stateCode: 'ST' })).toMatchObject([
      { field: 'ars', message: 'starts with 12 (Brandenburg) but the authority belongs to Sachsen-Anhalt (15)' },
    ]);
  });

  it('reports a missing state against stateId', () => {
    const issues = validateAuthority({ ...authority, stateCode: undefined as unknown as string });
    expect(issues).toContainEqual({ field: 'stateId', code: 'STATE_REQUIRED', params: {}, message: 'must name an existing state' });
  });

  it('rejects non-integer population and overlong names', () => {
    const issues = validateAuthority({ ...authority, population: 1.5, name: 'x'.repeat(201) });
    expect(issues.map((i) => i.field).sort()).toEqual(['name', 'population']);
  });
});

describe('state rules', () => {
  it('accepts the real states only', () => {
    expect(validateState({ code: 'BB', name: 'Brandenburg', arsPrefix: '12', koenigsteinShare: 3.03655 })).toEqual([]);
    const issues = validateState({ code: 'XX', name: 'Atlantis', arsPrefix: '17', koenigsteinShare: 101 });
    expect(issues.map((i) => i.field).sort()).toEqual(['arsPrefix', 'code', 'koenigsteinShare']);
    expect(issues.find((i) => i.field === 'code')?.message).toContain('got "XX"');
  });
});

describe('service rules', () => {
  const service = { name: 'Aufenthaltstitel', ozgId: '10255', topicField: 'IMMIGRATION_AND_EMIGRATION', ozgType: 2, maturityLevel: 3 };
  it('accepts a valid service', () => expect(validateService(service)).toEqual([]));
  it('checks OZG id, LeiKa keys, OZG type, maturity and version', () => {
    const issues = validateService({ ...service, ozgId: 'A1', leikaKeys: ['123'], ozgType: 6, maturityLevel: -1, requiredStandardVersion: 'v1' });
    expect(issues.map((i) => i.field).sort()).toEqual(['leikaKeys.0', 'maturityLevel', 'ozgId', 'ozgType', 'requiredStandardVersion']);
  });
});

describe('specialist system rules', () => {
  it('needs vendor, product, standard and well-formed versions', () => {
    expect(validateSpecialistSystem({ vendor: 'HSH', product: 'AUSO', standard: 'XAusländer', supportedVersions: ['1.17'], ozgInterface: true })).toEqual([]);
    const issues = validateSpecialistSystem({ vendor: '', product: 'AUSO', standard: 'XAusländer', supportedVersions: ['next'], ozgInterface: true });
    expect(issues.map((i) => i.field).sort()).toEqual(['supportedVersions.0', 'vendor']);
  });
});

describe('contract rules', () => {
  it('accepts ordered dates that match the status', () => {
    expect(validateContract({ status: 'SIGNED', interestDeclaredAt: '2021-03-01', negotiationStartedAt: '2021-06-01', signedAt: '2021-11-15' })).toEqual([]);
    expect(validateContract({ status: 'NONE' })).toEqual([]);
  });

  it('refuses a signing date before the interest declaration', () => {
    expect(validateContract({ status: 'SIGNED', interestDeclaredAt: '2022-03-01', signedAt: '2021-11-15' })).toMatchObject([
      { field: 'signedAt', message: '(2021-11-15) must not be before interestDeclaredAt (2022-03-01)' },
    ]);
  });

  it('needs the date of the current status and no dates of later steps', () => {
    expect(validateContract({ status: 'SIGNED', interestDeclaredAt: '2021-03-01' })).toEqual([
      { field: 'signedAt', code: 'REQUIRED_FOR_STATUS', params: { status: 'SIGNED' }, message: 'is required when the status is SIGNED' },
    ]);
    expect(validateContract({ status: 'INTEREST_DECLARED', interestDeclaredAt: '2021-03-01', signedAt: '2021-04-01' })).toMatchObject([
      { field: 'signedAt', message: 'must be empty while the status is INTEREST_DECLARED' },
    ]);
  });

  it('rejects impossible calendar dates', () => {
    expect(isIsoDate('2023-02-31')).toBe(false);
    expect(isIsoDate('31.08.2023')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(validateContract({ status: 'INTEREST_DECLARED', interestDeclaredAt: '2023-02-31' })[0].field).toBe('interestDeclaredAt');
  });
});

describe('coded errors', () => {
  it('carries the code and the issues', () => {
    expect(() => assertNoIssues([])).not.toThrow();
    try {
      assertNoIssues([{ field: 'ars', message: 'must be exactly 12 digits' }]);
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(isDomainError(e)).toBe(true);
      expect((e as DomainError).code).toBe(ErrorCode.VALIDATION);
      expect((e as DomainError).message).toBe('ars: must be exactly 12 digits');
    }
    expect(DomainError.conflict('Authority', 'a1', 3, 4).message).toMatch(/changed by someone else since you loaded version 3 \(current version is 4\)/);
    expect(DomainError.notFound('State', 'x').code).toBe('NOT_FOUND');
  });
});
