import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

/** One mail as the outbox hands it to a transport. */
export interface OutgoingMail {
  /** The outbox row: makes the Message-ID stable, so a receiver can drop a rare duplicate. */
  outboxId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Where mail goes: an SMTP server, or a folder of .eml files when there is none. */
export interface MailTransport {
  /** Delivers the mail or throws; says where it went (for the log). */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

/** A failure the SMTP server gave as permanent (5xx): retrying cannot help. */
export function isPermanentFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function messageOf(mail: OutgoingMail, domain: string) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<outbox-${mail.outboxId}@${domain}>`,
  };
}

function domainOf(address: string): string {
  return /@([^>\s]+)>?\s*$/.exec(address)?.[1] ?? 'roster.invalid';
}

/** Sends through the SMTP server at `url` (smtp://user:pass@host:port, smtps:// for TLS). */
export function smtpTransport(url: string, options: { timeoutMs?: number } = {}): MailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  // nodemailer's SMTP options: https://nodemailer.com/smtp/ (connection/greeting/socket timeouts)
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail) {
      const info = await transporter.sendMail(messageOf(mail, domainOf(mail.from)));
      return `SMTP ${info.response}`;
    },
    close: () => transporter.close(),
  };
}

/** Writes each mail as an .eml file into `dir` (npm start without SMTP_URL). */
export function folderTransport(dir: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await composer.sendMail(messageOf(mail, domainOf(mail.from)));
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${mail.outboxId.padStart(6, '0')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      return file;
    },
    close: () => composer.close(),
  };
}
