/** A command failed in a way the user must be told about; `exitCode` per docs/cli.md, Exit codes. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: 1 | 2 | 3,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const usageError = (message: string) => new CliError(2, message);
