import { main } from './intake-cli';

process.exitCode = await main(process.argv.slice(2));
