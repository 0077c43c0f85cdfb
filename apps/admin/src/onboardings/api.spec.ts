import { isConflict, refusalOf } from './api';

describe('refusalOf', () => {
  it('reads code and reasons of TRANSITION_NOT_ALLOWED from Apollo errors', () => {
    const error = Object.assign(new Error('Transition not allowed'), {
      errors: [{ message: 'Transition not allowed', extensions: { code: 'TRANSITION_NOT_ALLOWED', reasons: ['open blocking obstacle: DVDV', 7] } }],
    });
    expect(refusalOf(error)).toEqual({ code: 'TRANSITION_NOT_ALLOWED', reasons: [{ kind: 'reason', message: 'open blocking obstacle: DVDV' }], message: 'Transition not allowed' });
  });

  it('prefers the coded reasons (extensions.refusals) with their params', () => {
    const refusals = [{ code: 'BLOCKING_OBSTACLE', params: { title: 'DVDV' }, message: 'open blocking obstacle: DVDV' }];
    const error = { errors: [{ message: 'Not allowed', extensions: { code: 'TRANSITION_NOT_ALLOWED', reasons: ['open blocking obstacle: DVDV'], refusals } }] };
    expect(refusalOf(error).reasons).toEqual([{ kind: 'reason', code: 'BLOCKING_OBSTACLE', params: { title: 'DVDV' }, message: 'open blocking obstacle: DVDV' }]);
  });

  it('reads graphQLErrors (Apollo 3) and a conflict', () => {
    const refusal = refusalOf({ graphQLErrors: [{ message: 'stale', extensions: { code: 'CONFLICT' } }] });
    expect(refusal.code).toBe('CONFLICT');
    expect(isConflict(refusal)).toBe(true);
  });

  it('tells a duplicate (CONFLICT naming its field) from a stale version', () => {
    const duplicate = refusalOf({ errors: [{ message: 'dup', extensions: { code: 'CONFLICT', issues: [{ field: 'serviceId', code: 'DUPLICATE_ONBOARDING', message: 'this authority already has an onboarding for this service' }] } }] });
    expect(isConflict(duplicate)).toBe(false);
    expect(duplicate.reasons).toEqual([{ kind: 'issue', field: 'serviceId', code: 'DUPLICATE_ONBOARDING', params: undefined, message: 'this authority already has an onboarding for this service' }]);
  });

  it('finds errors inside react-admin HttpError bodies, network errors and causes', () => {
    const inner = { result: { errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] } };
    expect(refusalOf({ message: 'x', body: { networkError: inner } }).code).toBe('FORBIDDEN');
    expect(refusalOf(new Error('outer', { cause: { errors: [{ message: 'c', extensions: { code: 'CONFLICT' } }] } })).code).toBe('CONFLICT');
  });

  it('lists validation issues as reasons', () => {
    const refusal = refusalOf({ errors: [{ message: 'invalid', extensions: { code: 'VALIDATION', issues: [{ field: 'reason', code: 'REQUIRED', params: {}, message: 'is required' }] } }] });
    expect(refusal.reasons).toEqual([{ kind: 'issue', field: 'reason', code: 'REQUIRED', params: {}, message: 'is required' }]);
  });

  it('falls back to the message of an unknown error', () => {
    expect(refusalOf(new Error('network down'))).toEqual({ reasons: [], message: 'network down' });
    expect(refusalOf('boom')).toEqual({ reasons: [], message: 'boom' });
  });
});
