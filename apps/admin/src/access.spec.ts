import { OPERATION_ACCESS } from '@efa/domain';
import { operationFor, pluralOf } from './access';

describe('console access', () => {
  it("names the list query of every type as the API does (allXs)", () => {
    const types = Object.keys(OPERATION_ACCESS)
      .filter((op) => op.startsWith('create'))
      .map((op) => op.slice('create'.length));
    expect(types.length).toBeGreaterThan(5);
    for (const type of types) {
      expect(OPERATION_ACCESS).toHaveProperty(`all${pluralOf(type)}`);
      expect(OPERATION_ACCESS).toHaveProperty(`_all${pluralOf(type)}Meta`);
    }
    expect(pluralOf('Authority')).toBe('Authorities');
    expect(pluralOf('SpecialistSystem')).toBe('SpecialistSystems');
  });

  it('maps react-admin actions to the GraphQL operations they call', () => {
    expect(operationFor('list', 'Authority')).toBe('allAuthorities');
    expect(operationFor('show', 'Authority')).toBe('Authority');
    expect(operationFor('edit', 'Authority.notes')).toBe('updateAuthority');
    expect(operationFor('create', 'Blocker')).toBe('createBlocker');
    expect(operationFor('delete', 'Milestone')).toBe('deleteMilestone');
    expect(operationFor('dance', 'Milestone')).toBeUndefined();
  });
});
