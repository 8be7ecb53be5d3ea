/** What a command-line program prints: results on stdout, problems on stderr (tests capture both). */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export type CliRun = (args: string[], env: Record<string, string | undefined>, output: CliOutput) => Promise<number>;

/** The message for a configuration that failed to load, one line per problem. */
export const invalidConfiguration = (errors: string[]): string =>
  `The configuration is invalid:\n${errors.map((error) => `  - ${error}`).join('\n')}`;

/** Runs a CLI as the process: its exit code, or 2 with the message when it throws. */
export function runAsProgram(run: CliRun): void {
  const output = { out: (text: string) => console.log(text), err: (text: string) => console.error(text) };
  run(process.argv.slice(2), process.env, output).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
