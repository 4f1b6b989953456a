/** A file that cannot be read (a document to index, a Word template), with the reason in German for the clerk. */
export class FileError extends Error {
  constructor(
    readonly reason: string,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ?? reason, options);
    this.name = 'FileError';
  }
}
