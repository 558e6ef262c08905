// The entry point (the bundle's, see scripts/build.mjs): hands the arguments to the CLI.
import { runCli } from './cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
