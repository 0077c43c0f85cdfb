import { Module, type DynamicModule } from '@nestjs/common';
import { OpenDataController } from './open-data.controller.js';
import { PublicApiController } from './public-api.controller.js';
import { PublicPageController } from './public-page.controller.js';
import { WidgetController } from './widget.controller.js';
import { PublicRateLimitGuard } from './public-http.js';
import { PUBLIC_CONFIG, loadPublicConfig, type PublicConfig } from './public.config.js';
import { PublicStatusStore } from './public-status.store.js';
import { PublicRateLimiter } from './rate-limit.js';

/**
 * The public rollout status under /public: read-only, no sign-in, not part of GraphQL. Other
 * public controllers import this module and use PublicEndpoint()/sendPublic (public-http.ts),
 * PublicStatusStore for the data.
 */
@Module({})
export class PublicModule {
  static with(overrides: Partial<PublicConfig> = {}): DynamicModule {
    return {
      module: PublicModule,
      global: true,
      controllers: [PublicApiController, PublicPageController, OpenDataController, WidgetController],
      providers: [{ provide: PUBLIC_CONFIG, useFactory: () => ({ ...loadPublicConfig(process.env), ...overrides }) }, PublicStatusStore, PublicRateLimiter, PublicRateLimitGuard],
      exports: [PUBLIC_CONFIG, PublicStatusStore, PublicRateLimiter, PublicRateLimitGuard],
    };
  }
}
