import type { CommandContext } from '../../platform/event-sourcing/event-envelope';
import { passwordLinkUrl, type UserPasswords } from './user-passwords';

/** A one-time set-password link as handed over: the web app's page under `PUBLIC_URL`, and its expiry. */
export interface IssuedPasswordLink {
  url: string;
  expiresAt: Date;
}

/** Issues set-password links as URLs to hand over (there is no mail server): for the CLI and the operators' API. */
export class PasswordLinks {
  constructor(
    private readonly passwords: UserPasswords,
    private readonly publicUrl: string,
  ) {}

  /** A new link for the user; the previous one stops working. */
  async issue(userId: string, context: CommandContext): Promise<IssuedPasswordLink> {
    const link = await this.passwords.issuePasswordLink(userId, context);
    return { url: passwordLinkUrl(this.publicUrl, userId, link), expiresAt: link.expiresAt };
  }
}
