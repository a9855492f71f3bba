/**
 * Reading from stdin with a bound. `--token-stdin` stops at MAX_TOKEN_STDIN_BYTES (an API token is
 * about 200 characters); `triage` stops at MAX_TRIAGE_STDIN_BYTES. Past the bound the read fails
 * with StdinTooLarge, without keeping what was read.
 */
export const MAX_TOKEN_STDIN_BYTES = 8 * 1024;
export const MAX_TRIAGE_STDIN_BYTES = 1024 * 1024;

export class StdinTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`stdin is larger than ${maxBytes} bytes`);
    this.name = 'StdinTooLarge';
  }
}

/** The parts of a readable stream the readers use (process.stdin in production). */
export interface InputStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** Everything until EOF, or StdinTooLarge past `maxBytes`. */
export function readAll(stream: InputStream, maxBytes: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      stream.removeAllListeners('data');
      stream.removeAllListeners('end');
      stream.removeAllListeners('error');
      stream.pause();
    };
    stream.on('data', (chunk) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      size += bytes.length;
      if (size > maxBytes) {
        stop();
        chunks.length = 0;
        reject(new StdinTooLarge(maxBytes));
        return;
      }
      chunks.push(bytes);
    });
    stream.on('end', () => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    stream.on('error', (error) => {
      stop();
      reject(error);
    });
    stream.resume();
  });
}

export class InputCancelled extends Error {
  constructor() {
    super('input cancelled');
    this.name = 'InputCancelled';
  }
}

/**
 * One line typed or pasted at a terminal, read without echo: the terminal is put in raw mode (so
 * it shows nothing) and restored afterwards, whatever happens. Enter or Ctrl-D ends the line,
 * Backspace deletes, Ctrl-C cancels. Stops with StdinTooLarge past `maxBytes`.
 */
export function readHiddenLine(stream: InputStream, maxBytes: number): Promise<string> {
  if (!stream.isTTY || typeof stream.setRawMode !== 'function') {
    return Promise.reject(new Error('readHiddenLine needs a terminal'));
  }
  const setRawMode = stream.setRawMode.bind(stream);
  return new Promise<string>((resolve, reject) => {
    let line = '';
    const finish = (result: () => void) => {
      stream.removeAllListeners('data');
      stream.removeAllListeners('error');
      setRawMode(false);
      stream.pause();
      result();
    };
    setRawMode(true);
    stream.setEncoding?.('utf8');
    stream.on('data', (chunk) => {
      for (const char of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish(() => resolve(line));
          return;
        }
        if (char === '\u0003') {
          line = '';
          finish(() => reject(new InputCancelled()));
          return;
        }
        if (char === '\u007f' || char === '\b') {
          line = [...line].slice(0, -1).join('');
          continue;
        }
        line += char;
        if (Buffer.byteLength(line, 'utf8') > maxBytes) {
          line = '';
          finish(() => reject(new StdinTooLarge(maxBytes)));
          return;
        }
      }
    });
    stream.on('error', (error) => finish(() => reject(error)));
    stream.resume();
  });
}
