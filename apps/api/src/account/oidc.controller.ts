import { Controller, Get, Header, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { addressOf, cookieOf } from '../common/request-context.js';
import { OIDC_FLOW_COOKIE, OIDC_FLOW_PATH, OIDC_FLOW_SECONDS, OidcService } from './oidc.service.js';
import { SESSION_COOKIE } from './session-tokens.js';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS } from './bootstrap-accounts.js';

export const OIDC_LOGIN_PATH = '/auth/oidc/login';

/** Where the console shows why a single sign-on was refused. */
const refusedUrl = (reason: string) => `/#/login?sso_error=${encodeURIComponent(reason)}`;

const secure = (req: Request) => req.secure || process.env.COOKIE_SECURE === 'true';

/**
 * Single sign-on routes (REST, public: AccessGuard guards GraphQL only).
 * GET /auth/config tells the console whether to offer single sign-on;
 * GET /auth/oidc/login sends the browser to the identity provider;
 * GET /auth/oidc/callback comes back with the code, signs in and sends the browser to /.
 */
@Controller('auth')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly dataSource: DataSource,
  ) {}

  /** What the sign-in page offers: single sign-on, and in the embedded demo the demo accounts (only those flagged is_demo exist). */
  @Get('config')
  @Header('Cache-Control', 'no-store')
  async config(): Promise<{ oidc: boolean; loginUrl: string | null; demoAccounts: Array<{ email: string; role: string; password: string; displayName: string }> }> {
    const demo: Array<{ email: string }> = await this.dataSource.query(`SELECT email FROM app_user WHERE is_demo AND active ORDER BY email`);
    const demoAccounts = DEMO_ACCOUNTS.filter((a) => demo.some((d) => d.email === a.email)).map(({ email, role, password, displayName }) => ({ email, role, password, displayName }));
    return { oidc: this.oidc.enabled, loginUrl: this.oidc.enabled ? OIDC_LOGIN_PATH : null, demoAccounts };
  }

  @Get('oidc/login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundException('Single sign-on is not configured (OIDC_ISSUER)');
    res.setHeader('Cache-Control', 'no-store');
    const start = await this.oidc.startLogin(addressOf(req));
    if (!start.ok) return res.redirect(303, refusedUrl(start.reason));
    // Lax, not Strict: the identity provider's redirect back to the callback is a cross-site navigation.
    res.cookie(OIDC_FLOW_COOKIE, start.flow, { httpOnly: true, sameSite: 'lax', secure: secure(req), path: OIDC_FLOW_PATH, maxAge: OIDC_FLOW_SECONDS * 1000 });
    res.redirect(303, start.url);
  }

  @Get('oidc/callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundException('Single sign-on is not configured (OIDC_ISSUER)');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const query = new URL(req.originalUrl, 'http://callback.invalid').search;
    const outcome = await this.oidc.finishLogin(query, cookieOf(req, OIDC_FLOW_COOKIE), addressOf(req), req.headers['user-agent']);
    res.clearCookie(OIDC_FLOW_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secure(req), path: OIDC_FLOW_PATH });
    if (!outcome.ok) return res.redirect(303, refusedUrl(outcome.reason));
    // The same cookie as the password sign-in (account.resolver.ts).
    res.cookie(SESSION_COOKIE, outcome.session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secure(req),
      path: '/',
      expires: outcome.session.expiresAt,
    });
    res.redirect(303, '/');
  }
}
