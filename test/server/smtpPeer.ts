import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 that parses what it receives; can go down and come back. */
export interface SmtpPeer {
  url: string;
  port: number;
  received: ParsedMail[];
  /** Refuses every message with this SMTP reply code from now on (e.g. 550), or accepts again. */
  rejectWith: (code: number | undefined) => void;
  /** Stops listening: the outage. */
  stop: () => Promise<void>;
  /** Listens again on the same port: the recovery. */
  restart: () => Promise<void>;
  /** Resolves once `n` mails have arrived (or rejects after `ms`). */
  waitFor: (n: number, ms?: number) => Promise<ParsedMail[]>;
}

export async function startSmtpPeer(port = 0): Promise<SmtpPeer> {
  const received: ParsedMail[] = [];
  let reject: number | undefined;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        if (reject !== undefined) {
          stream.resume();
          stream.on('end', () =>
            callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: reject })),
          );
          return;
        }
        simpleParser(stream).then(
          (mail) => {
            received.push(mail);
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
  let server = make();
  const listen = (p: number) =>
    new Promise<number>((resolve, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(p, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    });
  const actualPort = await listen(port);
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    received,
    rejectWith: (code) => {
      reject = code;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    restart: async () => {
      server = make();
      await listen(actualPort);
    },
    waitFor: async (n, ms = 10_000) => {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`Expected ${n} mails, received ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
  };
}
