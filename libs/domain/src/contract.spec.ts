import { checkContractTransition, stateMayGoLive } from './contract.js';

describe('contract lifecycle', () => {
  it('moves forward, also skipping a step', () => {
    expect(checkContractTransition('NONE', 'INTEREST_DECLARED')).toEqual([]);
    expect(checkContractTransition('INTEREST_DECLARED', 'NEGOTIATING')).toEqual([]);
    expect(checkContractTransition('INTEREST_DECLARED', 'SIGNED')).toEqual([]);
    expect(checkContractTransition('SIGNED', 'TERMINATED', 'state solution replaces it')).toEqual([]);
  });

  it('never moves back, and terminates only a signed contract with a reason', () => {
    expect(checkContractTransition('SIGNED', 'NEGOTIATING').map((r) => r.message)).toEqual(['a contract cannot go back from SIGNED to NEGOTIATING']);
    expect(checkContractTransition('SIGNED', 'SIGNED').map((r) => r.message)).toEqual(['the contract is already SIGNED']);
    expect(checkContractTransition('NEGOTIATING', 'TERMINATED', 'x').map((r) => r.message)).toEqual(['only a signed contract can be terminated (it is NEGOTIATING)']);
    expect(checkContractTransition('SIGNED', 'TERMINATED', ' ').map((r) => r.message)).toEqual(['terminating needs a reason']);
  });

  it('lets a state go live with a signed contract or as the lead state', () => {
    expect(stateMayGoLive('SIGNED', false)).toBe(true);
    expect(stateMayGoLive('NEGOTIATING', false)).toBe(false);
    expect(stateMayGoLive(null, true)).toBe(true);
    expect(stateMayGoLive('TERMINATED', false)).toBe(false);
  });
});
