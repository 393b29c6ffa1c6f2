import type { MessageBus, MessageOf } from '@orchestrix/core';
import type { FakeSmtpServer, Mail } from './fake-smtp-server';
import { MoneyDeposited } from './messages/money-deposited';

/** The name the receipt handler is subscribed under: dead letters and redrive address it by this name. */
export const SEND_RECEIPT_EMAIL = 'sendReceiptEmail';

/**
 * Subscribes `sendReceiptEmail` to `MoneyDeposited` on `bus`: it mails the account holder a receipt.
 * A failure (an SMTP timeout) rejects, so the bus retries it and dead-letters it when retries run out.
 *
 * @returns The function that unsubscribes it.
 * @example subscribeReceiptMailer(eventBus, new FakeSmtpServer(), (mail) => console.log(mail.subject));
 */
export function subscribeReceiptMailer(
  bus: MessageBus,
  smtp: FakeSmtpServer,
  onSent: (mail: Mail) => void = () => {},
): () => void {
  return bus.subscribe(
    MoneyDeposited,
    async (event: MessageOf<typeof MoneyDeposited>) => {
      const mail: Mail = {
        to: `${event.data.accountId}@example.test`,
        subject: `Receipt: ${event.data.amount} deposited (${event.data.reference})`,
      };
      await smtp.send(mail);
      onSent(mail);
    },
    { name: SEND_RECEIPT_EMAIL },
  );
}
