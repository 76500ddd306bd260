/**
 * `pcs`: the scoring engine on the command line (SPEC §4). JSON on stdout; exit 0 success, 1 invalid or
 * unreadable input (errors as JSON on stderr), 2 wrong usage (one line and the usage on stderr). Never a stack trace.
 */
import { UsageError } from "./pcs/args";
import { explainCommand } from "./pcs/explain";
import { generateCommand } from "./pcs/generate";
import { InputError } from "./pcs/inputs";
import { insightsCommand } from "./pcs/insights";
import { RemoteError, remoteCommand } from "./pcs/remote";
import { scoreCommand } from "./pcs/score";
import { USAGE } from "./pcs/usage";

const COMMANDS: Record<string, (args: readonly string[]) => Promise<string>> = {
  score: scoreCommand,
  explain: explainCommand,
  insights: insightsCommand,
  generate: generateCommand,
  remote: remoteCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    process.stderr.write(`pcs: a command is required\n\n${USAGE}\n`);
    return 2;
  }
  if (command === "--help" || command === "-h" || command === "help" || args.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  try {
    if (run === undefined) throw new UsageError(`unknown command: ${command}`);
    process.stdout.write(await run(args));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`pcs: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof RemoteError) {
      const body = { errors: [{ message: error.message, status: error.status }], import: error.body };
      process.stderr.write(`${JSON.stringify(body, null, 2)}\n`);
      return 1;
    }
    if (error instanceof InputError) {
      process.stderr.write(`${JSON.stringify({ errors: error.errors, total: error.total }, null, 2)}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `${JSON.stringify({ errors: [{ file: null, line: null, column: null, message: `internal error: ${message}` }], total: 1 })}\n`,
    );
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
