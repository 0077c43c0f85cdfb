import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Derived from the notification (or the digest's user and week), so a repeated delivery is recognisable. */
  messageId: string;
}

/** Sends mails over SMTP with nodemailer; `enabled` is false when no SMTP server is configured. */
export class Mailer {
  private transport: Transporter | undefined;

  constructor(private readonly config: MailConfig | undefined) {}

  get enabled(): boolean {
    return Boolean(this.config);
  }

  private transporter(): Transporter {
    const c = this.config!;
    this.transport ??= c.url
      ? nodemailer.createTransport(c.url)
      : nodemailer.createTransport({ host: c.host, port: c.port, secure: c.secure, auth: c.user ? { user: c.user, pass: c.pass! } : undefined });
    return this.transport;
  }

  /** Resolves when the SMTP server accepted the mail; rejects otherwise (the job is then retried). */
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.config) throw new Error('mails are off: no SMTP server configured');
    await this.transporter().sendMail({ from: this.config.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
  }

  close(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
