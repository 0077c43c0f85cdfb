import englishMessages from 'ra-language-english';
import { bootMessagesEn } from './boot';
import type { TranslationMessages } from 'react-admin';
import { en as boardEn } from '../board/messages';
import { en as dashboardEn } from '../dashboard/messages';
import { en as costsEn } from '../cost-allocation/messages';
import { en as notificationsEn } from '../notifications/messages';
import { en as importEn } from '../import/messages';
import { en as crudEn } from '../common/messages';
import { en as onboardingEn } from '../onboardings/messages';
import { en as waveEn } from '../waves/messages';
import { en as meetingsEn } from '../meetings/messages';
import { codedMessages } from '../common/codedMessages';
import { en as listExportEn } from '../export/messages';

/**
 * The console's own messages in English. Their shape (`AppMessages`) is the
 * reference the German catalogue is type-checked against, so a key added
 * here and forgotten in de.ts fails `tsc`.
 *
 * Resource keys follow react-admin's convention: `resources.<Resource>.name`
 * ("singular |||| plural") and `resources.<Resource>.fields.<source>`.
 * Enum labels live under `app.enum.<EnumName>.<VALUE>`, the GraphQL enum
 * values the API sends.
 */
export const appMessagesEn = {
  app: {
    title: 'EfA Rollout',
    boot: bootMessagesEn,
    auth: {
      sign_in_hint: 'Please sign in with your e-mail address.',
      email: 'E-mail address',
      wrong_credentials: 'The e-mail address or the password is wrong.',
      account_deactivated: 'This account is deactivated. Please contact the administrators.',
      rate_limited: 'Too many failed sign-in attempts. Please wait a few minutes, then try again.',
      credentials_required: 'Please enter your e-mail address and your password.',
      unavailable: 'Signing in is not possible at the moment. Please try again shortly.',
      unreachable: 'The server cannot be reached. Please check your connection, then try again.',
      signed_in_as: 'Signed in as',
      demo_account: 'demo account',
    },
    enum: {
      AuthorityKind: {
        FOREIGNERS_AUTHORITY: 'Foreigners authority',
        MUNICIPALITY: 'Municipality',
        DISTRICT_ADMINISTRATION: 'District administration',
        STATE_AUTHORITY: 'State authority',
        OTHER: 'Other',
      },
      AuthorityLevel: {
        DISTRICT: 'District',
        DISTRICT_FREE_CITY: 'District-free city',
        MUNICIPALITY: 'Municipality within a district',
        STATE: 'State',
      },
      ContractStatus: {
        NONE: 'No contract',
        INTEREST_DECLARED: 'Interest declared',
        NEGOTIATING: 'Negotiating',
        SIGNED: 'Signed',
        TERMINATED: 'Terminated',
      },
      LegalRoute: {
        FIT_STORE: 'FIT-Store',
        GOVDIGITAL_MARKETPLACE: 'GovDigital marketplace',
        MUNICIPAL_AGENT_MODEL: 'Municipal agent model',
        ADMINISTRATIVE_AGREEMENT: 'Administrative agreement',
      },
      Role: {
        ADMIN: 'Administration',
        ROLLOUT_MANAGER: 'Rollout management',
        STATE_COORDINATOR: 'State coordination',
        STEERING_MEMBER: 'Steering committee',
      },
      MunicipalAccessModel: {
        FREE_PASS_THROUGH: 'Passed on free of charge',
        PAID_IN_HOUSE: 'Paid in-house',
        MUNICIPAL_AGENT_MODEL: 'Municipal agent model',
        MARKETPLACE: 'Marketplace',
      },
      TopicField: {
        WORK_AND_RETIREMENT: 'Work & retirement',
        BUILDING_AND_HOUSING: 'Building & housing',
        EDUCATION: 'Education',
        IMMIGRATION_AND_EMIGRATION: 'Immigration & emigration',
        ENGAGEMENT_AND_HOBBY: 'Engagement & hobby',
        FAMILY_AND_CHILD: 'Family & child',
        RESEARCH_AND_FUNDING: 'Research & funding',
        HEALTH: 'Health',
        MOBILITY_AND_TRAVEL: 'Mobility & travel',
        CROSS_CUTTING: 'Cross-cutting',
        LAW_AND_ORDER: 'Law & order',
        TAXES_AND_CUSTOMS: 'Taxes & customs',
        ENVIRONMENT: 'Environment',
        BUSINESS: 'Running & developing a business',
      },
    },
  },
  resources: {
    State: {
      name: 'State |||| States',
      fields: {
        id: 'ID',
        code: 'Code',
        name: 'Name',
        arsPrefix: 'ARS prefix',
        koenigsteinShare: 'Königstein key (%)',
        version: 'Version',
        createdAt: 'Created at',
        updatedAt: 'Updated at',
      },
    },
    Authority: {
      name: 'Authority |||| Authorities',
      fields: {
        id: 'ID',
        name: 'Name',
        kind: 'Kind',
        level: 'Administrative level',
        stateId: 'State',
        ars: 'Regional key (ARS)',
        population: 'Population',
        specialistSystemId: 'Specialist system',
        website: 'Website',
        email: 'Email',
        notes: 'Notes',
        updatedAt: 'Updated at',
        version: 'Version',
      },
    },
    Service: {
      name: 'Service |||| Services',
      fields: {
        id: 'ID',
        name: 'Name',
        description: 'Description',
        ozgId: 'OZG ID',
        leikaKeys: 'LeiKa keys',
        topicField: 'Topic field',
        leadStateId: 'Lead state',
        provider: 'Provider',
        ozgType: 'OZG type',
        maturityLevel: 'Maturity level',
        standard: 'Standard',
        requiredStandardVersion: 'Required standard version',
        website: 'Website',
        version: 'Version',
      },
    },
    SpecialistSystem: {
      name: 'Specialist system |||| Specialist systems',
      fields: {
        id: 'ID',
        vendor: 'Vendor',
        product: 'Product',
        standard: 'Standard',
        supportedVersions: 'Supported versions',
        ozgInterface: 'OZG interface',
        version: 'Version',
      },
    },
    ReuseContract: {
      name: 'Reuse contract |||| Reuse contracts',
      fields: {
        id: 'ID',
        stateId: 'State',
        serviceId: 'Service',
        status: 'Status',
        legalRoute: 'Legal route',
        municipalAccess: 'Municipal access',
        interestDeclaredAt: 'Interest declared on',
        negotiationStartedAt: 'Negotiation started on',
        signedAt: 'Signed on',
        terminatedAt: 'Terminated on',
        notes: 'Notes',
        version: 'Version',
      },
    },
  },
};

/** Shape of the console's own messages; every locale must provide all of them. */
export type AppMessages = typeof appMessagesEn;

const en: TranslationMessages = {
  ...englishMessages,
  ...appMessagesEn,
  ...boardEn,
  ...dashboardEn,
  ...onboardingEn,
  ...waveEn,
  costs: costsEn.costs,
  notifications: notificationsEn.notifications,
  meeting: meetingsEn.meeting,
  import: importEn.import,
  ...codedMessages.en,
  ...listExportEn,
  crud: crudEn.crud,
  resources: { ...appMessagesEn.resources, ...crudEn.resources, ...costsEn.resources, ...meetingsEn.resources },
};

export default en;
