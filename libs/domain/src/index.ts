export * from './errors.js';
export * from './states.js';
export * from './enums.js';
export * from './identifiers.js';
export * from './versions.js';
export * from './rules.js';
export * from './pipeline.js';
export * from './onboarding.js';
