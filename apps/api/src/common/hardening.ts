import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { DomainError, ErrorCode } from '@efa/domain';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, visit, type DocumentNode, type ValidationContext, type ValidationRule } from 'graphql';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from './loaders.js';

/**
 * Limits on what one request may ask of the API (OWASP GraphQL cheat sheet,
 * ASVS 13.2/13.4), checked before anything runs. Measured (Nov 2026): the
 * console's queries (react-admin's ra-data-graphql-simple: list plus meta,
 * linked records as `{ id }`) reach depth 3, cost 93, 2 aliases, no
 * directives; the API tests depth 3, cost 77, 5 aliases. The limits leave
 * ample room above that; tests/api/hardening.test.ts checks the console's
 * queries for every resource against them, so a new field that pushes one
 * over shows there first.
 */
export const GRAPHQL_LIMITS = {
  /** Nesting of selection sets (`{ a { b { c } } }` is 3); introspection's `__schema` is exempt. */
  maxDepth: 8,
  /** graphql-armor's cost: 1 per scalar, 2 per object, times 1.5 per level of depth; `__schema` exempt. */
  maxCost: 1000,
  /** Aliased fields per operation (`__typename` aliases are free). */
  maxAliases: 15,
  /** Directives (`@include`, `@skip`, ...) per operation. */
  maxDirectives: 10,
  /** Lexical tokens of the query text (the console's introspection query has about 200). Checked by graphql-js's parser. */
  maxTokens: 2000,
} as const;

/** Largest accepted request body (JSON), in the notation of body-parser. */
export const BODY_LIMIT = '256kb';

const LIMIT_NAMES: Record<keyof typeof GRAPHQL_LIMITS, string> = {
  maxDepth: 'depth',
  maxCost: 'cost',
  maxAliases: 'number of aliases',
  maxDirectives: 'number of directives',
  maxTokens: 'number of tokens',
};

/** The error of an exceeded limit: code LIMIT_EXCEEDED, naming the limit, its value and what the query had. */
export function limitExceeded(limit: keyof typeof GRAPHQL_LIMITS, found?: number): DomainError {
  const max = GRAPHQL_LIMITS[limit];
  const had = found === undefined ? '' : ` (this query: ${Number.isInteger(found) ? found : found.toFixed(1)})`;
  return new DomainError(ErrorCode.LIMIT_EXCEEDED, `The query exceeds the ${LIMIT_NAMES[limit]} limit of ${max}${had}; split it into smaller queries`, {
    details: { limit, max, ...(found === undefined ? {} : { found }) },
  });
}

/** graphql-armor reports a rejection as `... limit of N exceeded, found M.`: reported to the validation context as LIMIT_EXCEEDED. */
function reportAs(limit: keyof typeof GRAPHQL_LIMITS) {
  return (ctx: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+(?:\.\d+)?)/.exec(error.message)?.[1];
    const domain = limitExceeded(limit, found === undefined ? undefined : Number(found));
    ctx?.reportError(new GraphQLError(domain.message, { originalError: domain }));
  };
}

/** Depth, cost, alias and directive limits as GraphQL validation rules (graphql-armor). */
export function graphqlLimitRules(): ValidationRule[] {
  const { validationRules } = new ApolloArmor({
    // Field suggestions are masked for anonymous requests only (hideSchemaFromAnonymous).
    blockFieldSuggestion: { enabled: false },
    // Counted by graphql-js's own parser instead (parseOptions.maxTokens): armor's parser hook fails with a 500.
    maxTokens: { enabled: false },
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: true, propagateOnRejection: false, onReject: [reportAs('maxDepth')] },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, ignoreIntrospection: true, propagateOnRejection: false, onReject: [reportAs('maxCost')] },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, propagateOnRejection: false, onReject: [reportAs('maxAliases')] },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, propagateOnRejection: false, onReject: [reportAs('maxDirectives')] },
  }).protect();
  return validationRules as ValidationRule[];
}

/** graphql-js's parse error for a document over parseOptions.maxTokens, as LIMIT_EXCEEDED (used by formatGraphQLError). */
export function fromLimitError(e: unknown): DomainError | undefined {
  if (e instanceof GraphQLError && /^Syntax Error: Document contains more tha[nt] \d+ tokens/.test(e.message)) return limitExceeded('maxTokens');
  return undefined;
}

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Introspection (`__schema`, `__type`) only for signed-in users; `__typename`
 * stays open. Anonymous requests also get "Did you mean ...?" suggestions
 * masked, which would otherwise spell out the schema field by field.
 */
export function hideSchemaFromAnonymous(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document }) {
          if (contextValue.principal || !usesIntrospection(document)) return;
          const refusal = new DomainError(ErrorCode.UNAUTHENTICATED, 'Please sign in to introspect the schema (__schema, __type)');
          throw new GraphQLError(refusal.message, { originalError: refusal, extensions: { http: { status: 401, headers: new HeaderMap() } } });
        },
        async didEncounterErrors({ contextValue, errors }) {
          if (contextValue.principal) return;
          for (const error of errors) error.message = error.message.replace(/ ?Did you mean .+\?/g, '');
        },
      };
    },
  };
}

/**
 * The hardening options of the Apollo server (spread into the GraphQLModule
 * configuration): limit rules, token limit, no batching, CSRF prevention, no
 * landing page (GraphiQL would load scripts from a CDN, which the CSP forbids).
 */
export function graphqlHardening() {
  return {
    validationRules: graphqlLimitRules(),
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    graphiql: false,
  } as const;
}

/**
 * Security headers on every HTTP response (helmet). The CSP fits the built
 * console: scripts only from this origin, inline styles allowed (MUI/emotion
 * inject them), images from here or data: URLs, API calls to this origin, no
 * framing. No upgrade-insecure-requests: the app is also run over plain HTTP
 * on a local network, where that would break every asset.
 */
export function securityHeaders(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const headersOf = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // The headers are the same for every response (no per-request values such as nonces): worked out
  // once by helmet, then set as they are, instead of running helmet's dozen middlewares per request.
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => set.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  let done = false;
  headersOf({} as IncomingMessage, recorder as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('helmet did not complete synchronously');
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
