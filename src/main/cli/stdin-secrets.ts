/** Reads secrets from standard input, one per line, never from arguments (which other users can see). */
export async function readStdinLines(stream: NodeJS.ReadableStream = process.stdin): Promise<string[]> {
  if ((stream as NodeJS.ReadStream).isTTY) {
    throw new UsageError('--password-stdin reads from standard input: pipe the password in, e.g. from a password manager.');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
