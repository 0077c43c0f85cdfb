/**
 * The console's resources. Each name equals the GraphQL type name the API
 * exposes (ra-data-graphql-simple derives the query names from it).
 */
export const RESOURCE_NAMES = ['State', 'Authority', 'Service', 'SpecialistSystem', 'ReuseContract'] as const;

export type ResourceName = (typeof RESOURCE_NAMES)[number];
