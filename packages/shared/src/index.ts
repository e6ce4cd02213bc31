export * from './iso6346.ts';
