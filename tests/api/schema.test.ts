import fs from 'node:fs';
import { buildSchema, type GraphQLInputObjectType } from 'graphql';
import { printApiSchema } from '../../apps/api/src/schema.js';

describe('GraphQL schema', () => {
  it('the committed apps/api/schema.graphql is what the code generates (run `npm run schema` after changing resolvers)', async () => {
    const generated = await printApiSchema();
    const committed = fs.readFileSync('apps/api/schema.graphql', 'utf8');
    expect(committed).toBe(generated);
  });

  it('follows the react-admin simple-GraphQL convention for every resource', async () => {
    const schema = buildSchema(await printApiSchema());
    const query = schema.getQueryType()!.getFields();
    const mutation = schema.getMutationType()!.getFields();
    const args = (f: { args: ReadonlyArray<{ name: string; type: unknown }> }) => Object.fromEntries(f.args.map((a) => [a.name, String(a.type)]));
    for (const [type, plural] of [['State', 'States'], ['Authority', 'Authorities'], ['Service', 'Services'], ['SpecialistSystem', 'SpecialistSystems'], ['ReuseContract', 'ReuseContracts']]) {
      expect(args(query[type])).toEqual({ id: 'ID!' });
      expect(args(query[`all${plural}`])).toEqual({ page: 'Int', perPage: 'Int', sortField: 'String', sortOrder: 'String', filter: `${type}Filter` });
      expect(String(query[`_all${plural}Meta`].type)).toBe('ListMetadata!');
      expect(String(mutation[`create${type}`].type)).toBe(`${type}!`);
      expect(args(mutation[`update${type}`])).toMatchObject({ id: 'ID!', version: 'Int!' });
      expect(args(mutation[`delete${type}`])).toMatchObject({ id: 'ID!' });
      const filter = schema.getType(`${type}Filter`) as GraphQLInputObjectType;
      expect(Object.keys(filter.getFields())).toEqual(expect.arrayContaining(['ids', 'q']));
    }
  });
});
