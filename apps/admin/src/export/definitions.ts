import { enumLabelKey, type EnumName } from '../common/enums';
import { daysSince, stageName, type StageLabelSource } from '../onboardings/logic';
import type { ExportDefinition, ListSource, ReferenceSpec } from './fetch';
import { EURO_FORMAT, type ExportColumn, type ExportContext, type RawValue } from './logic';

/**
 * What each list of the console exports: the columns a person expects
 * (header = the field's label in the console's language), references by
 * name, enums by their labels, stages by the service's stage names. A new
 * list gets an entry here and `<ListActions />` in its List.
 */

type Row = Record<string, any>;
type Column = ExportColumn<Row>;

const enumValue =
  (enumName: EnumName, field: string) =>
  (r: Row, ctx: ExportContext): RawValue =>
    r[field] ? ctx.translate(enumLabelKey(enumName, String(r[field])), { _: String(r[field]) }) : null;

/** A value labelled `<prefix>.<VALUE>` (enums outside `app.enum`). */
const keyValue =
  (prefix: string, field: string) =>
  (r: Row, ctx: ExportContext): RawValue =>
    r[field] ? ctx.translate(`${prefix}.${String(r[field])}`, { _: String(r[field]) }) : null;

/** A field of a resolved reference. */
const refField = (key: string, idOf: (r: Row, ctx: ExportContext) => unknown, field: string) => (r: Row, ctx: ExportContext): RawValue =>
  ctx.ref(key, idOf(r, ctx))?.[field] as RawValue;

const col = (key: string, header: string, rest: Partial<Column> = {}): Column => ({ key, header, ...rest });

const STATE_REF = (source: string, of?: string): ReferenceSpec => ({ key: of ? `${of}State` : 'state', resource: 'State', source, fields: ['name'], ...(of ? { of } : {}) });
const SERVICE_REF = (of?: string): ReferenceSpec => ({ key: 'service', resource: 'Service', source: 'serviceId', fields: ['name'], ...(of ? { of } : {}) });

/** Every service's stages (small template data), for stage names as the console shows them. */
async function loadStages(source: ListSource): Promise<Record<string, unknown>> {
  const { data } = await source.getList('ServiceStage', {
    filter: {},
    sort: { field: 'position', order: 'ASC' },
    pagination: { page: 1, perPage: 1000 },
    meta: { sparseFields: ['id', 'serviceId', 'key', 'nameDe', 'nameEn', 'position'] },
  });
  return { stages: data };
}

const stageOf = (stage: unknown, serviceId: unknown, ctx: ExportContext): RawValue => {
  if (!stage) return null;
  const stages = ((ctx.lookups.stages ?? []) as Array<StageLabelSource & { serviceId: string }>).filter((s) => s.serviceId === serviceId);
  return stageName(String(stage), ctx.locale, stages);
};

const updatedAt = (resource: string) => col('updatedAt', `resources.${resource}.fields.updatedAt`, { kind: 'datetime' });

const states: ExportDefinition = {
  title: 'resources.State.name',
  fields: ['code', 'name', 'arsPrefix', 'koenigsteinShare', 'createdAt', 'updatedAt'],
  columns: [
    col('code', 'resources.State.fields.code'),
    col('name', 'resources.State.fields.name'),
    col('arsPrefix', 'resources.State.fields.arsPrefix'),
    col('koenigsteinShare', 'resources.State.fields.koenigsteinShare', { kind: 'number', numFmt: '0.00000' }),
    col('createdAt', 'resources.State.fields.createdAt', { kind: 'datetime' }),
    updatedAt('State'),
  ],
};

const authorities: ExportDefinition = {
  title: 'resources.Authority.name',
  fields: ['name', 'kind', 'level', 'stateId', 'ars', 'population', 'specialistSystemId', 'website', 'email', 'notes', 'updatedAt'],
  references: [STATE_REF('stateId'), { key: 'specialistSystem', resource: 'SpecialistSystem', source: 'specialistSystemId', fields: ['vendor', 'product'] }],
  columns: [
    col('name', 'resources.Authority.fields.name'),
    col('kind', 'resources.Authority.fields.kind', { value: enumValue('AuthorityKind', 'kind') }),
    col('level', 'resources.Authority.fields.level', { value: enumValue('AuthorityLevel', 'level') }),
    col('state', 'resources.Authority.fields.stateId', { value: refField('state', (r) => r.stateId, 'name') }),
    col('ars', 'resources.Authority.fields.ars'),
    col('population', 'resources.Authority.fields.population', { kind: 'number', numFmt: '#,##0' }),
    col('specialistSystem', 'resources.Authority.fields.specialistSystemId', {
      value: (r, ctx) => {
        const s = ctx.ref('specialistSystem', r.specialistSystemId);
        return s ? `${s.vendor} ${s.product}` : null;
      },
    }),
    col('website', 'resources.Authority.fields.website'),
    col('email', 'resources.Authority.fields.email'),
    col('notes', 'resources.Authority.fields.notes'),
    updatedAt('Authority'),
  ],
};

const services: ExportDefinition = {
  title: 'resources.Service.name',
  fields: ['name', 'ozgId', 'leikaKeys', 'topicField', 'leadStateId', 'provider', 'ozgType', 'maturityLevel', 'standard', 'requiredStandardVersion', 'website', 'description'],
  references: [STATE_REF('leadStateId')],
  columns: [
    col('name', 'resources.Service.fields.name'),
    col('ozgId', 'resources.Service.fields.ozgId'),
    col('leikaKeys', 'resources.Service.fields.leikaKeys'),
    col('topicField', 'resources.Service.fields.topicField', { value: enumValue('TopicField', 'topicField') }),
    col('leadState', 'resources.Service.fields.leadStateId', { value: refField('state', (r) => r.leadStateId, 'name') }),
    col('provider', 'resources.Service.fields.provider'),
    col('ozgType', 'resources.Service.fields.ozgType', { kind: 'number' }),
    col('maturityLevel', 'resources.Service.fields.maturityLevel', { kind: 'number' }),
    col('standard', 'resources.Service.fields.standard'),
    col('requiredStandardVersion', 'resources.Service.fields.requiredStandardVersion'),
    col('website', 'resources.Service.fields.website'),
    col('description', 'resources.Service.fields.description'),
  ],
};

const specialistSystems: ExportDefinition = {
  title: 'resources.SpecialistSystem.name',
  fields: ['vendor', 'product', 'standard', 'supportedVersions', 'ozgInterface'],
  columns: [
    col('vendor', 'resources.SpecialistSystem.fields.vendor'),
    col('product', 'resources.SpecialistSystem.fields.product'),
    col('standard', 'resources.SpecialistSystem.fields.standard'),
    col('supportedVersions', 'resources.SpecialistSystem.fields.supportedVersions'),
    col('ozgInterface', 'resources.SpecialistSystem.fields.ozgInterface', { kind: 'boolean' }),
  ],
};

const reuseContracts: ExportDefinition = {
  title: 'resources.ReuseContract.name',
  fields: ['stateId', 'serviceId', 'status', 'legalRoute', 'municipalAccess', 'interestDeclaredAt', 'negotiationStartedAt', 'signedAt', 'terminatedAt', 'notes'],
  references: [STATE_REF('stateId'), SERVICE_REF()],
  columns: [
    col('state', 'resources.ReuseContract.fields.stateId', { value: refField('state', (r) => r.stateId, 'name') }),
    col('service', 'resources.ReuseContract.fields.serviceId', { value: refField('service', (r) => r.serviceId, 'name') }),
    col('status', 'resources.ReuseContract.fields.status', { value: enumValue('ContractStatus', 'status') }),
    col('legalRoute', 'resources.ReuseContract.fields.legalRoute', { value: enumValue('LegalRoute', 'legalRoute') }),
    col('municipalAccess', 'resources.ReuseContract.fields.municipalAccess', { value: enumValue('MunicipalAccessModel', 'municipalAccess') }),
    col('interestDeclaredAt', 'resources.ReuseContract.fields.interestDeclaredAt', { kind: 'date' }),
    col('negotiationStartedAt', 'resources.ReuseContract.fields.negotiationStartedAt', { kind: 'date' }),
    col('signedAt', 'resources.ReuseContract.fields.signedAt', { kind: 'date' }),
    col('terminatedAt', 'resources.ReuseContract.fields.terminatedAt', { kind: 'date' }),
    col('notes', 'resources.ReuseContract.fields.notes'),
  ],
};

const reuseVariants: ExportDefinition = {
  title: 'resources.ReuseVariant.name',
  fields: ['stateId', 'serviceId', 'variant', 'note', 'updatedAt'],
  references: [STATE_REF('stateId'), SERVICE_REF()],
  columns: [
    col('state', 'resources.ReuseVariant.fields.stateId', { value: refField('state', (r) => r.stateId, 'name') }),
    col('service', 'resources.ReuseVariant.fields.serviceId', { value: refField('service', (r) => r.serviceId, 'name') }),
    col('variant', 'resources.ReuseVariant.fields.variant', { value: keyValue('crud.variant', 'variant') }),
    col('note', 'resources.ReuseVariant.fields.note'),
    updatedAt('ReuseVariant'),
  ],
};

/** Authority (name, ARS), its state and the service of an onboarding; `onboardingOf` finds the onboarding's ids. */
function onboardingColumns(onboardingOf: (r: Row, ctx: ExportContext) => Row | undefined, prefix: string): Column[] {
  const authority = (r: Row, ctx: ExportContext) => ctx.ref('authority', onboardingOf(r, ctx)?.authorityId);
  return [
    col('authority', `${prefix}.authorityId`, { value: (r, ctx) => authority(r, ctx)?.name }),
    col('ars', 'resources.Authority.fields.ars', { value: (r, ctx) => authority(r, ctx)?.ars }),
    col('state', `${prefix}.stateId`, { value: (r, ctx) => ctx.ref('authorityState', authority(r, ctx)?.stateId)?.name }),
    col('service', `${prefix}.serviceId`, { value: (r, ctx) => ctx.ref('service', onboardingOf(r, ctx)?.serviceId)?.name }),
  ];
}

const AUTHORITY_OF = (of?: string): ReferenceSpec => ({ key: 'authority', resource: 'Authority', source: 'authorityId', fields: ['name', 'ars', 'stateId'], ...(of ? { of } : {}) });

const onboardings: ExportDefinition = {
  title: 'onboarding.menu',
  fields: ['authorityId', 'serviceId', 'stage', 'status', 'statusReason', 'stageEnteredAt', 'plannedGoLive', 'liveAt', 'owner', 'jiraKey', 'subjectContact', 'technicalContact', 'notes'],
  references: [AUTHORITY_OF(), STATE_REF('stateId', 'authority'), SERVICE_REF()],
  lookups: loadStages,
  columns: [
    ...onboardingColumns((r) => r, 'onboarding.fields'),
    col('stage', 'onboarding.fields.stage', { value: (r, ctx) => stageOf(r.stage, r.serviceId, ctx) }),
    col('status', 'onboarding.fields.status', { value: keyValue('onboarding.status', 'status') }),
    col('statusReason', 'onboarding.fields.statusReason'),
    col('stageEnteredAt', 'onboarding.fields.stageEnteredAt', { kind: 'date' }),
    col('daysInStage', 'onboarding.fields.daysInStage', { kind: 'number', value: (r, ctx) => (r.stageEnteredAt ? daysSince(r.stageEnteredAt, ctx.now) : null) }),
    col('plannedGoLive', 'onboarding.fields.plannedGoLive', { kind: 'date' }),
    col('liveAt', 'onboarding.fields.liveAt', { kind: 'date' }),
    col('owner', 'onboarding.fields.owner'),
    col('jiraKey', 'onboarding.fields.jiraKey'),
    col('subjectContact', 'onboarding.fields.subjectContact'),
    col('technicalContact', 'onboarding.fields.technicalContact'),
    col('notes', 'onboarding.fields.notes'),
  ],
};

/** Milestones and obstacles belong to an onboarding: its authority, state and service by name. */
const VIA_ONBOARDING: readonly ReferenceSpec[] = [
  { key: 'onboarding', resource: 'Onboarding', source: 'onboardingId', fields: ['authorityId', 'serviceId'] },
  AUTHORITY_OF('onboarding'),
  STATE_REF('stateId', 'authority'),
  SERVICE_REF('onboarding'),
];
const onboardingOfRow = (r: Row, ctx: ExportContext) => ctx.ref('onboarding', r.onboardingId);

const milestones: ExportDefinition = {
  title: 'milestone.menu',
  fields: ['onboardingId', 'nameDe', 'nameEn', 'stage', 'status', 'required', 'dueDate', 'completedAt', 'evidenceUrl', 'note'],
  references: VIA_ONBOARDING,
  lookups: loadStages,
  columns: [
    ...onboardingColumns(onboardingOfRow, 'onboarding.fields'),
    col('name', 'milestone.fields.name', { value: (r, ctx) => (ctx.locale === 'en' ? r.nameEn : r.nameDe) }),
    col('stage', 'milestone.fields.stage', { value: (r, ctx) => stageOf(r.stage, onboardingOfRow(r, ctx)?.serviceId, ctx) }),
    col('status', 'milestone.fields.status', { value: keyValue('milestone.status', 'status') }),
    col('required', 'milestone.fields.required', { kind: 'boolean' }),
    col('dueDate', 'milestone.fields.dueDate', { kind: 'date' }),
    col('completedAt', 'milestone.fields.completedAt', { kind: 'date' }),
    col('evidenceUrl', 'milestone.fields.evidenceUrl'),
    col('note', 'milestone.fields.note'),
  ],
};

const blockers: ExportDefinition = {
  title: 'blocker.menu',
  fields: ['onboardingId', 'title', 'category', 'severity', 'owner', 'openedAt', 'resolvedAt', 'description', 'resolution'],
  references: VIA_ONBOARDING,
  columns: [
    col('title', 'blocker.fields.title'),
    ...onboardingColumns(onboardingOfRow, 'onboarding.fields'),
    col('severity', 'blocker.fields.severity', { value: keyValue('blocker.severity', 'severity') }),
    col('category', 'blocker.fields.category', { value: keyValue('blocker.category', 'category') }),
    col('owner', 'blocker.fields.owner'),
    col('openedAt', 'blocker.fields.openedAt', { kind: 'date' }),
    col('resolvedAt', 'blocker.fields.resolvedAt', { kind: 'date' }),
    col('description', 'blocker.fields.description'),
    col('resolution', 'blocker.fields.resolution'),
  ],
};

const costKeys: ExportDefinition = {
  title: 'resources.CostKey.name',
  fields: ['name', 'kind', 'year', 'note', 'updatedAt'],
  columns: [
    col('name', 'resources.CostKey.fields.name'),
    col('kind', 'resources.CostKey.fields.kind', { value: keyValue('costs.kind', 'kind') }),
    col('year', 'resources.CostKey.fields.year', { kind: 'number', numFmt: '0' }),
    col('note', 'resources.CostKey.fields.note'),
    updatedAt('CostKey'),
  ],
};

const serviceCosts: ExportDefinition = {
  title: 'resources.ServiceCost.name',
  fields: ['serviceId', 'year', 'operationCents', 'maintenanceCents', 'totalCents', 'note', 'updatedAt'],
  references: [SERVICE_REF()],
  columns: [
    col('service', 'resources.ServiceCost.fields.serviceId', { value: refField('service', (r) => r.serviceId, 'name') }),
    col('year', 'resources.ServiceCost.fields.year', { kind: 'number', numFmt: '0' }),
    col('operationCents', 'resources.ServiceCost.fields.operationEuros', { kind: 'cents', numFmt: EURO_FORMAT }),
    col('maintenanceCents', 'resources.ServiceCost.fields.maintenanceEuros', { kind: 'cents', numFmt: EURO_FORMAT }),
    col('totalCents', 'resources.ServiceCost.fields.totalEuros', { kind: 'cents', numFmt: EURO_FORMAT }),
    col('note', 'resources.ServiceCost.fields.note'),
    updatedAt('ServiceCost'),
  ],
};

const users: ExportDefinition = {
  title: 'resources.User.name',
  fields: ['displayName', 'email', 'role', 'stateId', 'active', 'lastSignInAt', 'createdAt'],
  references: [STATE_REF('stateId')],
  columns: [
    col('displayName', 'resources.User.fields.displayName'),
    col('email', 'resources.User.fields.email'),
    col('role', 'resources.User.fields.role', { value: enumValue('Role', 'role') }),
    col('state', 'resources.User.fields.stateId', { value: refField('state', (r) => r.stateId, 'name') }),
    col('active', 'resources.User.fields.active', { kind: 'boolean' }),
    col('lastSignInAt', 'resources.User.fields.lastSignInAt', { kind: 'datetime' }),
    col('createdAt', 'resources.User.fields.createdAt', { kind: 'datetime' }),
  ],
};

/** Export definitions by resource (GraphQL type name). */
export const EXPORTS: Record<string, ExportDefinition> = {
  State: states,
  Authority: authorities,
  Service: services,
  SpecialistSystem: specialistSystems,
  ReuseContract: reuseContracts,
  ReuseVariant: reuseVariants,
  Onboarding: onboardings,
  Milestone: milestones,
  Blocker: blockers,
  CostKey: costKeys,
  ServiceCost: serviceCosts,
  User: users,
};
