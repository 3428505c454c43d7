import { main } from './mainFunction.js';
import { nodeIo } from './nodeIo.js';

// The bin entry: run the command line and leave through the exit code, so buffered output drains.
process.exitCode = await main(process.argv.slice(2), nodeIo());
