export * from './layer.js';
export * from './loss.js';
