import { type Command, CommanderError } from 'commander';

/** What a command's action resolves with: the process exit code. */
export type ExitCode = number;

/**
 * Wraps a command's action so its resolved value becomes the exit code (the checks' 0–3 included).
 *
 * @example
 * new Command('validate').action(action(async (options) => exitCodeFor(await check(options))));
 */
export function action<A extends unknown[]>(
  run: (...args: A) => Promise<ExitCode>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    process.exitCode = await run(...args);
  };
}

/**
 * Parses `argv` and runs the command. Every error, commander's usage errors included, prints one line
 * `eventflake: <message>` on stderr and sets exit code 1; the process is never exited from here, so
 * open handles close first.
 *
 * @example
 * await runCommand(produceCommand(), process.argv); // examples/wine-shop/producer.ts
 */
export async function runCommand(command: Command, argv: readonly string[]): Promise<void> {
  configure(command);
  try {
    await command.parseAsync([...argv]);
  } catch (error) {
    // Commander already printed its own message (or the help, or the version) through outputError.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`eventflake: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}

/** The first line of an error's message: stacks and driver dumps stay out of the terminal. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? text;
}

/** Commander puts its "Did you mean" hint on a second line; keep the message on one. */
function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

function configure(command: Command): void {
  command.exitOverride().configureOutput({
    outputError: (text, write) =>
      write(`eventflake: ${oneLine(text.replace(/^error: /, ''))} (see --help)\n`),
  });
  for (const sub of command.commands) configure(sub);
}
