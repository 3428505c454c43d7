export * from './transformation.js';
