import { InvalidArgumentError, isTensor, type Tensor } from '@puregrad/tensor';
import type { JsonValue } from './checkpoint.js';

/** The manifest fields that the checkpoint format itself uses, which info must not. */
export const RESERVED_FIELDS = [
  'format',
  'formatVersion',
  'libraryVersion',
  'trees',
  'tensors',
  'tensorsSha256',
] as const;

/**
 * Encodes info values as JSON for the manifest. A tensor becomes `{ "$tensor": NAME }` and is
 * returned to be stored in the tensor file under NAME, which is `info.` and the value's path
 * (`info.callbacks.0.bestParams.0.weight`). A non-finite number, which JSON cannot hold, becomes
 * `{ "$number": "NaN" | "Infinity" | "-Infinity" }`. An object property that is undefined is
 * left out, as JSON.stringify does.
 *
 * @throws InvalidArgumentError for a value JSON cannot store (a function, a bigint, a Map), a
 * field that the manifest reserves, or an object whose only key is `$tensor` or `$number`.
 */
export function encodeInfo(info: { readonly [field: string]: unknown }): {
  json: Record<string, JsonValue>;
  tensors: [string, Tensor][];
} {
  const tensors: [string, Tensor][] = [];
  const walk = (value: unknown, path: string): JsonValue => {
    if (isTensor(value)) {
      tensors.push([path, value]);
      return { $tensor: path };
    }
    if (typeof value === 'number')
      return Number.isFinite(value) ? value : { $number: String(value) };
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (value === undefined) return null;
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}.${i}`));
    if (isPlainObject(value)) {
      if (isMarker(value)) throw invalid(path, 'an object whose only key is $tensor or $number');
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      return Object.fromEntries(entries.map(([k, v]) => [k, walk(v, `${path}.${k}`)]));
    }
    throw invalid(
      path,
      typeof value === 'object' ? 'an object that is not a plain record' : `a ${typeof value}`,
    );
  };

  const json: Record<string, JsonValue> = {};
  for (const [field, value] of Object.entries(info)) {
    if ((RESERVED_FIELDS as readonly string[]).includes(field)) {
      throw new InvalidArgumentError(
        `saveCheckpoint: info must not have the field "${field}", which the manifest reserves. Rename the field.`,
      );
    }
    if (value !== undefined) json[field] = walk(value, `info.${field}`);
  }
  return { json, tensors };
}

/**
 * Decodes what {@link encodeInfo} wrote, taking each tensor from `lookup`. Returns the problem as
 * a string when a `$tensor` marker names a tensor that the file lacks.
 */
export function decodeInfo(
  value: unknown,
  lookup: (name: string) => Tensor | undefined,
): { value: unknown } | string {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const decoded = decodeInfo(item, lookup);
      if (typeof decoded === 'string') return decoded;
      items.push(decoded.value);
    }
    return { value: items };
  }
  if (!isPlainObject(value)) return { value };
  if (isMarker(value)) return decodeMarker(value, lookup);

  const record: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const decoded = decodeInfo(item, lookup);
    if (typeof decoded === 'string') return decoded;
    Object.defineProperty(record, key, {
      value: decoded.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { value: record };
}

function decodeMarker(
  marker: Record<string, unknown>,
  lookup: (name: string) => Tensor | undefined,
): { value: unknown } | string {
  const name = marker['$tensor'];
  if (typeof name === 'string') {
    const tensor = lookup(name);
    return tensor === undefined
      ? `info names tensor "${name}", which the tensor file lacks`
      : { value: tensor };
  }
  const text = marker['$number'];
  if (text === 'NaN' || text === 'Infinity' || text === '-Infinity') return { value: Number(text) };
  return `info marker must be { "$tensor": name } or { "$number": "NaN" | "Infinity" | "-Infinity" } (got ${JSON.stringify(marker)})`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function isMarker(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === '$tensor' || keys[0] === '$number');
}

function invalid(path: string, kind: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `saveCheckpoint: every info value must be JSON or a tensor (got ${kind} at "${path}"). Convert it to plain data first.`,
  );
}
