export { main, commands } from './mainFunction.js';
export { nodeIo } from './nodeIo.js';
export { bufferStream, type BufferStream, type CliIo, type OutputStream } from './cliIo.js';
export { CliError, ExitCode, type ExitCodeValue } from './cliError.js';
