export * from './auth.ts';
export * from './common.ts';
export * from './containers.ts';
export * from './iso6346.ts';
export * from './organizations.ts';
export * from './users.ts';
export * from './vehicles.ts';
export * from './vessels.ts';
