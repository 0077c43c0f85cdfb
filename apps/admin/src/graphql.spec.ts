import { ApiUnreachableError, errorCodesOf, GraphQLRequestError, isUnauthenticated, postGraphQL } from './graphql';

const respond = (body: string, status = 200) => (async () => new Response(body, { status })) as unknown as typeof fetch;

describe('graphql helpers', () => {
  it('finds the API error codes in the shapes the client libraries wrap them in', () => {
    const apollo = { graphQLErrors: [{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }] };
    expect(errorCodesOf({ status: 200, body: apollo })).toEqual(['UNAUTHENTICATED']); // react-admin HttpError
    expect(errorCodesOf({ networkError: { statusCode: 401, result: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } } })).toEqual(['UNAUTHENTICATED']);
    expect(errorCodesOf(new Error('wrapped', { cause: new GraphQLRequestError([{ message: 'x', extensions: { code: 'FORBIDDEN' } }], 200) }))).toEqual(['FORBIDDEN']);
    expect(errorCodesOf(new Error('plain'))).toEqual([]);
    expect(errorCodesOf(undefined)).toEqual([]);
    expect(isUnauthenticated({ networkError: { statusCode: 401 } })).toBe(true);
    expect(isUnauthenticated({ status: 500 })).toBe(false);
  });

  it('returns data, throws GraphQL errors with their codes, and calls anything else unreachable', async () => {
    await expect(postGraphQL('{ me { id } }', {}, { fetch: respond('{"data":{"me":{"id":"1"}}}') })).resolves.toEqual({ me: { id: '1' } });
    const refused = postGraphQL('{ me { id } }', {}, { fetch: respond('{"data":null,"errors":[{"message":"Please sign in","extensions":{"code":"UNAUTHENTICATED"}}]}') });
    await expect(refused).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(refused.catch(errorCodesOf)).resolves.toEqual(['UNAUTHENTICATED']);
    await expect(postGraphQL('{ x }', {}, { fetch: respond('<html>Bad Gateway</html>', 502) })).rejects.toBeInstanceOf(ApiUnreachableError);
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(postGraphQL('{ x }', {}, { fetch: down })).rejects.toThrow(/Failed to fetch/);
  });

  it('gives up after timeoutMs', async () => {
    const never = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch;
    await expect(postGraphQL('{ x }', {}, { fetch: never, timeoutMs: 20 })).rejects.toThrow(/No answer from \/graphql within/);
  });
});
