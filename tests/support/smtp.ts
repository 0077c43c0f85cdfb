import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server for a test file: collects every accepted mail; can refuse the next ones (451, try again later). */
export interface TestSmtp {
  url: string;
  mails: ParsedMail[];
  /** How many deliveries were refused so far. */
  refused: number;
  /** Refuse the next n deliveries with a temporary error. */
  failNext(n: number): void;
  /** Waits (bounded) until the mails satisfy the condition; returns them. */
  waitFor(condition: (mails: ParsedMail[]) => boolean, what: string, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  let toFail = 0;
  const state: TestSmtp = {
    url: '',
    mails: [],
    refused: 0,
    failNext: (n) => {
      toFail = n;
    },
    waitFor: async (condition, what, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition(state.mails)) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; mails: ${JSON.stringify(state.mails.map((m) => m.subject))}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return state.mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (toFail > 0) {
            toFail--;
            state.refused++;
            const err = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
            return callback(err);
          }
          state.mails.push(mail);
          callback();
        })
        .catch((e) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}
