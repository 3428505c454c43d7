export * from './assertGradients.js';
export * from './checkGradients.js';
export * from './gradientReport.js';
export * from './preActivations.js';
export * from './tensorArbitrary.js';
export { centralDifference } from './finiteDifference.js';
export { randomProjection } from './projection.js';
