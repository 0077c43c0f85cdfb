import { GraphQLScalarType, Kind } from 'graphql';

function parseCents(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    // A plain Error (not a GraphQLError) lets graphql-js attach the location, so the argument can be named.
    throw new TypeError(`must be a whole, non-negative number of cents written as digits (e.g. "123456789"), got ${JSON.stringify(value)}`);
  }
  return Number(text);
}

/**
 * An amount of money in euro cents, written as a string of digits
 * ("150000000" = 1,500,000.00 EUR). A string, because GraphQL's Int has 32
 * bits and yearly totals in cents exceed 2^31; up to 2^53 - 1 cents are
 * exact. Inputs also take a whole number literal.
 */
export const Cents = new GraphQLScalarType({
  name: 'Cents',
  description: 'An amount in euro cents, written as a string of digits ("150000000" = 1,500,000.00 EUR): cents exceed the 32 bits of Int.',
  serialize: (value) => (typeof value === 'bigint' ? value.toString() : String(Number(value))),
  parseValue: parseCents,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT) throw new TypeError('must be a number of cents written as a string of digits');
    return parseCents(ast.value);
  },
});

/** PostgreSQL bigint (returned as a string by the driver) to a JavaScript number; amounts stay below 2^53. */
export const bigintCentsTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};
