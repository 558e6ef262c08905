/** A command failed in a way the user must be told about; `exitCode` per DESIGN.md §5. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: 1 | 2 | 3,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(2, message);
