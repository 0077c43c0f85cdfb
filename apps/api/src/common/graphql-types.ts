import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLScalarType, Kind } from 'graphql';
import { AuthorityKind, AuthorityLevel, ContractStatus, LegalRoute, MunicipalAccessModel, TopicField, isIsoDate } from '@efa/domain';

registerEnumType(AuthorityKind, { name: 'AuthorityKind', description: 'What kind of body the authority is.' });
registerEnumType(AuthorityLevel, { name: 'AuthorityLevel', description: 'Administrative level: Landkreis, kreisfreie Stadt, kreisangehörige Gemeinde, Land.' });
registerEnumType(ContractStatus, { name: 'ContractStatus', description: 'Lifecycle of a reuse contract (Nachnutzungsvertrag).' });
registerEnumType(LegalRoute, { name: 'LegalRoute', description: 'The legal route of a state contract.' });
registerEnumType(MunicipalAccessModel, { name: 'MunicipalAccessModel', description: 'How municipalities inside the state get the service.' });
registerEnumType(TopicField, { name: 'TopicField', description: 'One of the 14 OZG topic fields (Themenfelder).' });

function parseLocalDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    // A plain Error (not a GraphQLError) lets graphql-js attach the location, so the field can be named.
    throw new TypeError(`must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A calendar date without time zone, written YYYY-MM-DD. */
export const LocalDate = new GraphQLScalarType({
  name: 'LocalDate',
  description: 'A calendar date without time zone, written YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseLocalDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('must be a date string written YYYY-MM-DD');
    return parseLocalDate(ast.value);
  },
});

/** react-admin's list metadata (`_allXsMeta`). */
@ObjectType()
export class ListMetadata {
  @Field(() => Int)
  count: number;
}

/** Transforms PostgreSQL numeric (returned as string) to number. */
export const numericTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};
