import { jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { SessionTokens } from './session-tokens.js';

/** Session tokens with a fixed secret (no database needed). */
const tokens = (secret = 'a-test-secret-of-enough-length-0123456789') => new SessionTokens({} as DataSource, secret);

describe('session tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts a token again and again until it expires, and then no more (the checked signature is remembered, the expiry is not)', async () => {
    const t = tokens();
    const now = Date.now();
    // Only the clock is faked (jose and the remembered tokens read it); timers and the crypto jobs run as usual.
    jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'hrtime', 'performance'] });
    const token = await t.sign('user-1', 'session-1', new Date(now + 60_000));
    expect(await t.verify(token)).toEqual({ userId: 'user-1', sessionId: 'session-1' });
    expect(await t.verify(token)).toEqual({ userId: 'user-1', sessionId: 'session-1' });
    jest.setSystemTime(now + 61_000);
    expect(await t.verify(token)).toBeUndefined();
    expect(await t.verify(token)).toBeUndefined();
  });

  it('refuses a token with a changed signature or payload, also after the genuine one was accepted', async () => {
    const t = tokens();
    const token = await t.sign('user-1', 'session-1', new Date(Date.now() + 60_000));
    expect(await t.verify(token)).toBeDefined();
    const [header, payload, signature] = token.split('.');
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await t.verify(flipped)).toBeUndefined();
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'user-2' })).toString('base64url');
    expect(await t.verify(`${header}.${other}.${signature}`)).toBeUndefined();
    expect(await t.verify('not a token')).toBeUndefined();
  });

  it('refuses a token signed with another key though the same token was accepted by an instance with the right key', async () => {
    const token = await tokens().sign('user-1', 'session-1', new Date(Date.now() + 60_000));
    expect(await tokens().verify(token)).toBeDefined();
    expect(await tokens('another-secret-of-enough-length-0123456789').verify(token)).toBeUndefined();
  });
});
