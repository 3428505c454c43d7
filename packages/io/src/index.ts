export * from './safetensorsDType.js';
export { MAX_HEADER_BYTES, parseSafetensors, type ParseOptions } from './parseSafetensors.js';
export { serializeSafetensors, type SafetensorsInput } from './serializeSafetensors.js';
export {
  isTensorDType,
  recordToTensor,
  safetensorsDTypeOf,
  tensorToRecord,
  u8RecordToTensor,
  type RecordTensorMap,
} from './records.js';
export { readSafetensorsFile, writeSafetensorsFile } from './safetensorsFile.js';
export { writeFileAtomic } from './atomicWrite.js';
export * from './checkpoint.js';
export { decodeInfo, encodeInfo, RESERVED_FIELDS } from './infoCodec.js';
export { flattenTree, rebuildTree, type TreeStructure } from './treeStructure.js';
export { LIBRARY_VERSION, saveCheckpoint, type SaveOptions } from './saveCheckpoint.js';
export { loadCheckpoint, type LoadedCheckpoint } from './loadCheckpoint.js';
