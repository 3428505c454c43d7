import { initChoices } from '../commands/train/trainOptions.js';
import type { RunManifest } from './runManifest.js';

/** Builds the error for a manifest field that breaks its rule, e.g. `settings.seed`, `an integer`. */
export type FieldError = (field: string, rule: string) => Error;

type Check = (value: unknown) => boolean;

const isInteger: Check = (value) => Number.isSafeInteger(value);
const isNumber: Check = (value) => typeof value === 'number';
const isString: Check = (value) => typeof value === 'string';
const isBoolean: Check = (value) => typeof value === 'boolean';
const isRecord: Check = (value) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf =
  (item: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(item);

/** The fields every manifest must have, with the rule and the check for each. */
const fields: readonly (readonly [string, string, Check])[] = [
  ['settings', 'an object', isRecord],
  ['settings.dataset', 'an object', isRecord],
  [
    'settings.dataset.kind',
    'one of digits, idx, csv, iris',
    (v) => ['digits', 'idx', 'csv', 'iris'].includes(v as string),
  ],
  ['settings.seed', 'an integer', isInteger],
  ['settings.validationShare', 'a number', isNumber],
  ['settings.hiddenLayers', 'an array of integers', arrayOf(isInteger)],
  [
    'settings.activation',
    'one of relu, sigmoid, identity',
    (v) => ['relu', 'sigmoid', 'identity'].includes(v as string),
  ],
  ['settings.batchNorm', 'true or false', isBoolean],
  [
    // Checkpoints written before --init existed have no such field and keep each layer's default.
    'settings.init',
    `absent or one of ${initChoices.join(', ')}`,
    (v) => v === undefined || initChoices.includes(v as (typeof initChoices)[number]),
  ],
  ['settings.optimizer', 'an object', isRecord],
  [
    'settings.optimizer.kind',
    'one of adam, adamw, sgd',
    (v) => ['adam', 'adamw', 'sgd'].includes(v as string),
  ],
  ['settings.optimizer.learningRate', 'a number', isNumber],
  ['settings.batchSize', 'an integer', isInteger],
  ['classes', 'an array of strings', arrayOf(isString)],
  ['features', 'an integer', isInteger],
  ['preprocessing', 'an object', isRecord],
  ['nextEpoch', 'an integer', isInteger],
  ['history', 'an array of epoch records', arrayOf(isRecord)],
  ['epochSeconds', 'an array of numbers', arrayOf(isNumber)],
  ['test', 'an object', isRecord],
  ['test.accuracy', 'a number', isNumber],
];

/**
 * Checks the shape of a run manifest read from JSON and returns it typed. Throws the error that
 * `fail` builds for the first field that is missing or of the wrong type.
 */
export function checkRunManifest(value: unknown, fail: FieldError): RunManifest {
  if (!isRecord(value)) throw fail('', 'an object');
  for (const [field, rule, check] of fields) {
    if (!check(fieldValue(value, field))) throw fail(field, rule);
  }
  return value as RunManifest;
}

function fieldValue(root: unknown, field: string): unknown {
  let node = root;
  for (const part of field.split('.')) {
    node = isRecord(node) ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node;
}
