import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AccessGuard, RefusalAuditInterceptor } from './account/access.guard.js';
import { TextInputInterceptor } from './common/input-guard.js';
import { AccountResolver, UserResolver } from './account/account.resolver.js';
import { AccountService, type AuthSettings } from './account/account.service.js';
import { CoreModule } from './account/core.module.js';
import { OidcController } from './account/oidc.controller.js';
import { UserService } from './account/user.service.js';
import { buildRequestContext } from './common/request-context.js';
import { DataSource } from 'typeorm';
import { AuthorityResolver } from './authority/authority.resolver.js';
import { AuthorityService } from './authority/authority.service.js';
import { GraphQLErrorPassThrough, formatGraphQLError } from './common/graphql-errors.js';
import { graphqlHardening, hideSchemaFromAnonymous } from './common/hardening.js';
import { LocalDate } from './common/graphql-types.js';
import type { RequestContext } from './common/loaders.js';
import { DatabaseModule } from './database/database.module.js';
import type { DatabaseKind } from './database/data-source.js';
import { ExportController } from './export/export.controller.js';
import { FullExportService } from './export/full-export.service.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './observability/metrics.controller.js';
import { Metrics } from './observability/metrics.js';
import { Observability } from './observability/observability.js';
import { Lifecycle, operationObserver } from './observability/request-log.js';
import { ImportController } from './import/import.controller.js';
import { ImportService } from './import/import.service.js';
import { AuthorityImporter } from './import/authority.importer.js';
import { JiraImporter } from './import/jira.importer.js';
import { OnboardingImportSupport } from './import/onboarding-import.support.js';
import { OnboardingImporter } from './import/onboarding.importer.js';
import { ContactImporter } from './import/contact.importer.js';
import { ContractImporter } from './import/contract.importer.js';
import { MonthlyReportService } from './report/monthly-report.service.js';
import { ReportController } from './report/report.controller.js';
import { DashboardResolver } from './dashboard/dashboard.resolver.js';
import { DashboardService } from './dashboard/dashboard.service.js';
import { BlockerResolver } from './blocker/blocker.resolver.js';
import { WaveResolver } from './wave/wave.resolver.js';
import { WaveService } from './wave/wave.service.js';
import { GuideSectionResolver } from './guide/guide.resolver.js';
import { GuideSectionService } from './guide/guide.service.js';
import { BlockerService } from './blocker/blocker.service.js';
import { HistoryResolver, HistoryService, TimelineEntryResolver } from './history/history.resolver.js';
import { StageBoardResolver, StageBoardService } from './onboarding/stage-board.js';
import { MilestoneResolver } from './milestone/milestone.resolver.js';
import { MilestoneService } from './milestone/milestone.service.js';
import { OnboardingResolver } from './onboarding/onboarding.resolver.js';
import { OnboardingService } from './onboarding/onboarding.service.js';
import { OnboardingWorkflowService } from './onboarding/onboarding-workflow.service.js';
import { MilestoneTemplateResolver, ServiceStageResolver } from './pipeline/pipeline.resolver.js';
import { MilestoneTemplateService, ServiceStageService } from './pipeline/pipeline.service.js';
import { ReuseVariantResolver } from './reuse-variant/reuse-variant.resolver.js';
import { ReuseVariantService } from './reuse-variant/reuse-variant.service.js';
import { OnlineServiceResolver } from './online-service/online-service.resolver.js';
import { OnlineServiceService } from './online-service/online-service.service.js';
import { ReuseContractResolver } from './reuse-contract/reuse-contract.resolver.js';
import { ReuseContractService } from './reuse-contract/reuse-contract.service.js';
import { SpecialistSystemResolver } from './specialist-system/specialist-system.resolver.js';
import { SpecialistSystemService } from './specialist-system/specialist-system.service.js';
import { StateResolver } from './state/state.resolver.js';
import { StateService } from './state/state.service.js';
import { CostAllocationResolver } from './costs/cost-allocation.resolver.js';
import { CostAllocationService } from './costs/cost-allocation.service.js';
import { CostKeyResolver } from './costs/cost-key.resolver.js';
import { CostKeyService } from './costs/cost-key.service.js';
import { ServiceCostResolver } from './costs/service-cost.resolver.js';
import { ServiceCostService } from './costs/service-cost.service.js';
import { loadMailConfig } from './config.js';
import { CalendarController } from './notification/calendar.controller.js';
import { CalendarService } from './notification/calendar.service.js';
import { NOTIFICATION_CONFIG, type NotificationConfig } from './notification/notification.config.js';
import { NotificationDelivery } from './notification/notification-delivery.service.js';
import { NotificationEvents } from './notification/notification-events.service.js';
import { NotificationQueue } from './notification/notification-queue.js';
import { NotificationResolver } from './notification/notification.resolver.js';
import { NotificationService } from './notification/notification.service.js';
import { NotificationWorker } from './notification/notification-worker.js';
import { MeetingFiguresService } from './meeting/meeting-figures.service.js';
import { MeetingItemService } from './meeting/meeting-item.service.js';
import { MeetingItemResolver, MeetingResolver } from './meeting/meeting.resolver.js';
import { MeetingService } from './meeting/meeting.service.js';
import { PublicModule } from './public/public.module.js';
import type { PublicConfig } from './public/public.config.js';

@Module({})
export class AppModule {
  static forDataSource(dataSource: DataSource, kind: DatabaseKind, options: { closeOnShutdown?: boolean; auth?: Partial<AuthSettings>; observability?: Observability; notifications?: Partial<NotificationConfig>; public?: Partial<PublicConfig> } = {}): DynamicModule {
    const observability = options.observability ?? new Observability(new Metrics(dataSource), new Lifecycle(), undefined, 2000);
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forDataSource(dataSource, kind, options.closeOnShutdown ?? true),
        CoreModule.with(options.auth),
        PublicModule.with(options.public),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [AccountService],
          useFactory: (accounts: AccountService) => ({
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          resolvers: { LocalDate },
          introspection: true,
          includeStacktraceInErrorResponses: false,
          formatError: formatGraphQLError,
          // No HTTP caching of GraphQL responses here; the plugin's per-field hook costs time on every list.
          plugins: [ApolloServerPluginCacheControlDisabled(), hideSchemaFromAnonymous(), operationObserver()],
          ...graphqlHardening(),
          context: ({ req, res }: { req: Request; res: Response }): Promise<RequestContext> => buildRequestContext(req, res, dataSource, accounts),
          }),
        }),
      ],
      controllers: [HealthController, MetricsController, OidcController, ReportController, ExportController, ImportController, CalendarController],
      providers: [
        { provide: Observability, useValue: observability },
        { provide: APP_FILTER, useClass: GraphQLErrorPassThrough },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: RefusalAuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: TextInputInterceptor },
        AccountResolver,
        FullExportService,
        UserService,
        UserResolver,
        StateService,
        StateResolver,
        AuthorityService,
        AuthorityResolver,
        ImportService,
        AuthorityImporter,
        OnboardingImportSupport,
        OnboardingImporter,
        JiraImporter,
        ContractImporter,
        ContactImporter,
        OnlineServiceService,
        OnlineServiceResolver,
        SpecialistSystemService,
        SpecialistSystemResolver,
        ReuseContractService,
        ReuseContractResolver,
        ReuseVariantService,
        ReuseVariantResolver,
        ServiceStageService,
        ServiceStageResolver,
        MilestoneTemplateService,
        MilestoneTemplateResolver,
        OnboardingService,
        OnboardingWorkflowService,
        OnboardingResolver,
        MilestoneService,
        MilestoneResolver,
        BlockerService,
        BlockerResolver,
        WaveService,
        WaveResolver,
        GuideSectionService,
        GuideSectionResolver,
        DashboardService,
        DashboardResolver,
        MeetingService,
        MeetingItemService,
        MeetingFiguresService,
        MeetingResolver,
        MeetingItemResolver,
        CostKeyService,
        CostKeyResolver,
        ServiceCostService,
        ServiceCostResolver,
        CostAllocationService,
        CostAllocationResolver,
        MonthlyReportService,
        HistoryService,
        HistoryResolver,
        StageBoardService,
        StageBoardResolver,
        TimelineEntryResolver,
        {
          provide: NOTIFICATION_CONFIG,
          useFactory: (): NotificationConfig => ({ ...loadMailConfig(process.env), worker: process.env.NOTIFICATION_WORKER !== 'false', pollIntervalMs: 2000, ...options.notifications }),
        },
        NotificationQueue,
        NotificationEvents,
        NotificationDelivery,
        NotificationWorker,
        NotificationService,
        NotificationResolver,
        CalendarService,
      ],
    };
  }
}
