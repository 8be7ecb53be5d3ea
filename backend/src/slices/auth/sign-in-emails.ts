import type { AccountEventData, PlatformEventData } from '@curbe-voice/contracts';
import type { AllPosition, EventStore } from '@curbe-voice/event-store';
import { normaliseEmail } from '../accounts';

/**
 * The emails that sign somebody in: every agency's members and the platform's operators. One email
 * signs in one user (the sign-in looks users up by email alone), so a new agency admin or operator
 * must bring an email nobody holds. Read from the store (the CLI has no read models), incrementally.
 */
export class SignInEmails {
  private readonly holders = new Map<string, string>();
  private position: AllPosition | 'start' = 'start';
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(private readonly store: EventStore) {}

  /** True when the email already signs in a member of some agency or an operator. */
  async isInUse(email: string): Promise<boolean> {
    this.catchingUp = this.catchingUp.then(() => this.readNewEvents());
    await this.catchingUp;
    return this.holders.has(normaliseEmail(email));
  }

  private async readNewEvents(): Promise<void> {
    const events = await this.store.readAll({
      fromPosition: this.position,
      filter: { eventTypePrefixes: ['AgentAdded', 'AgentRemoved', 'PlatformOperatorAdded'] },
    });
    for (const event of events) {
      const { userId, email } = event.data as
        AccountEventData<'AgentAdded' | 'AgentRemoved'> | PlatformEventData<'PlatformOperatorAdded'>;
      if (event.type === 'AgentRemoved') this.holders.delete(normaliseEmail(email));
      else if (event.type === 'AgentAdded' || event.type === 'PlatformOperatorAdded')
        this.holders.set(normaliseEmail(email), userId);
      this.position = event.position;
    }
  }
}
