import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { loadOidcConfig } from '../config.js';
import { AccountService, AUTH_SETTINGS, DEFAULT_AUTH_SETTINGS, SESSION_TOKENS, type AuthSettings } from './account.service.js';
import { OIDC_CONFIG, OidcService } from './oidc.service.js';
import { SessionTokens } from './session-tokens.js';

/** Audit and accounts: what every feature and the GraphQL context need (and single sign-on, configured from OIDC_*). */
@Global()
@Module({})
export class CoreModule {
  static with(auth: Partial<AuthSettings> = {}): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        AuditService,
        AccountService,
        { provide: AUTH_SETTINGS, useValue: { ...DEFAULT_AUTH_SETTINGS, ...auth } },
        { provide: SESSION_TOKENS, inject: [DataSource], useFactory: (ds: DataSource) => new SessionTokens(ds, process.env.SESSION_SECRET || undefined) },
        { provide: OIDC_CONFIG, useFactory: () => loadOidcConfig(process.env) ?? null },
        OidcService,
      ],
      exports: [AuditService, AccountService, AUTH_SETTINGS, SESSION_TOKENS, OidcService],
    };
  }
}
