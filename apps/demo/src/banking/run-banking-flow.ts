import assert from 'node:assert/strict';
import {
  AggregateRepository,
  type EventStore,
  FixedDelay,
  getLogger,
  type ObservabilityHooks,
  type RedriveResult,
  registerModules,
} from '@orchestrix/core';
import { InMemoryDeadLetterQueue, InMemoryMessageBus } from '@orchestrix/memory';
import { instrumentBus } from '@orchestrix/observability';
import { formatError } from '../report/format-error';
import { formatLogEntry } from '../report/format-log-entry';
import { handlerCauseOf } from '../report/handler-cause-of';
import { JournalBus } from '../report/journal-bus';
import type { Report } from '../report/report';
import { shortId } from '../report/short-id';
import { Account } from './account';
import type { AccountDecision } from './account-decision';
import { AccountModule } from './account-module';
import { FakeSmtpServer } from './fake-smtp-server';
import { InsufficientFundsError } from './insufficient-funds-error';
import { DepositMoney } from './messages/deposit-money';
import { MoneyDeposited } from './messages/money-deposited';
import { OpenAccount } from './messages/open-account';
import { TransferMoney } from './messages/transfer-money';
import { SEND_RECEIPT_EMAIL, subscribeReceiptMailer } from './receipt-mailer';

/** The reference of the deposit that races the transfer. */
const RACING_DEPOSIT = 'refund';

/** What the banking flow leaves behind for the summary and for checking it. */
export interface BankingFlowResult {
  readonly accountIds: readonly string[];
  readonly deadLetterQueue: InMemoryDeadLetterQueue;
  /** How many times the racing transfer's withdrawal was decided: 2 means one retry. */
  readonly transferAttempts: number;
  readonly overdraftError: InsufficientFundsError;
  readonly deadLettersAfterRetries: number;
  readonly deadLettersAfterRedrive: number;
  readonly redrive: RedriveResult;
}

async function reportBalances(report: Report, repository: AggregateRepository, accountIds: readonly string[]) {
  const accounts = await Promise.all(accountIds.map((accountId) => repository.load(Account, accountId)));
  report.detail(
    `balances: ${accounts.map((account) => `${account.aggregateId} ${account.balance} (v${account.version})`).join(', ')}`,
  );
}

/**
 * Runs the banking flow on `store`: two accounts opened, a deposit, a transfer that loses a real race
 * and is retried, a refused overdraft, and a receipt mail that fails, is dead-lettered and redriven. Both
 * buses and the account repository report to `hooks`.
 */
export async function runBankingFlow(
  store: EventStore,
  report: Report,
  hooks: ObservabilityHooks = {},
): Promise<BankingFlowResult> {
  report.section('Banking: a retried conflict, a refused overdraft, a dead letter redriven');
  report.detail('Commands go over a bus without retries: a refusal goes straight back to the sender. Committed');
  report.detail('events go over a second bus with FixedDelay({ maxRetries: 2, delayMs: 10 }) and a dead-letter queue,');
  report.detail('where sendReceiptEmail mails a receipt for every MoneyDeposited. Lines starting "log" come from');
  report.detail("Orchestrix's own logger (getLogger at level debug).");
  const logger = getLogger('orchestrix', { level: 'debug', write: (line) => report.line(formatLogEntry(line)) });
  const write = (line: string) => report.line(line);
  const deadLetterQueue = new InMemoryDeadLetterQueue();
  const retry = new FixedDelay({ maxRetries: 2, delayMs: 10 });
  const eventBus = new JournalBus(
    instrumentBus(new InMemoryMessageBus({ retry, deadLetterQueue, logger }), hooks),
    write,
  );
  const commandBus = new JournalBus(instrumentBus(new InMemoryMessageBus({ logger }), hooks), write);
  const smtp = new FakeSmtpServer();
  subscribeReceiptMailer(eventBus, smtp, (mail) => report.detail(`mail  to ${mail.to}: ${mail.subject}`));
  // The (fake) fraud check of the first transfer decision completes once the racing deposit is stored, so
  // the race is lost the same way on every store and machine: a real ConcurrencyError, never a timing bet.
  let releaseFraudCheck: () => void = () => undefined;
  const racingDepositStored = new Promise<void>((resolve) => {
    releaseFraudCheck = resolve;
  });
  // The deposit is sent once the transfer has loaded Alice and is deciding: on PostgreSQL two loads on two
  // connections would otherwise finish in either order.
  let transferDeciding: () => void = () => undefined;
  const transferHasLoaded = new Promise<void>((resolve) => {
    transferDeciding = resolve;
  });
  eventBus.subscribe(
    MoneyDeposited,
    (event) => {
      if (event.data.reference === RACING_DEPOSIT) releaseFraudCheck();
    },
    { name: 'releaseFraudCheck' },
  );
  const decisions: AccountDecision[] = [];
  let isShowingDecisions = false;
  const accountModule = new AccountModule({
    eventBus,
    logger,
    reviewTransfer: () => {
      transferDeciding();
      return racingDepositStored;
    },
    hooks,
    onDecision: (decision) => {
      decisions.push(decision);
      if (!isShowingDecisions) return;
      const { commandType, accountId, attempt, version, balance } = decision;
      report.detail(`decide ${commandType} on ${accountId}: attempt ${attempt} sees v${version}, balance ${balance}`);
    },
  });
  await registerModules(commandBus, store, [accountModule]);
  const repository = new AggregateRepository({ eventStore: store });
  const accountIds = ['alice', 'bob'] as const;

  report.step('Open Alice with 1000 and Bob with 500');
  await commandBus.publish(OpenAccount({ accountId: 'alice', owner: 'Alice', openingBalance: 1000 }));
  await commandBus.publish(OpenAccount({ accountId: 'bob', owner: 'Bob', openingBalance: 500 }));
  await reportBalances(report, repository, accountIds);

  report.step('Alice deposits 200');
  await commandBus.publish(DepositMoney({ accountId: 'alice', amount: 200, reference: 'salary' }));
  await reportBalances(report, repository, accountIds);

  report.step('Transfer 250 from Alice to Bob while a deposit of 100 lands on Alice (Promise.all)');
  report.detail("The transfer's decision waits for a fraud check that ends once the deposit is stored, so");
  report.detail("the transfer's save fails with a ConcurrencyError; repository.handle reloads and decides again.");
  isShowingDecisions = true;
  const decisionsBefore = decisions.length;
  await Promise.all([
    commandBus.publish(
      TransferMoney({ transferId: 'transfer-1', fromAccountId: 'alice', toAccountId: 'bob', amount: 250 }),
    ),
    transferHasLoaded.then(() =>
      commandBus.publish(DepositMoney({ accountId: 'alice', amount: 100, reference: RACING_DEPOSIT })),
    ),
  ]);
  isShowingDecisions = false;
  const transferAttempts = decisions
    .slice(decisionsBefore)
    .filter((decision) => decision.commandType === TransferMoney.type && decision.accountId === 'alice').length;
  assert.ok(transferAttempts >= 2, 'the transfer was expected to lose the race and be retried');
  report.detail(
    `the transfer's withdrawal was decided ${transferAttempts} times: ${transferAttempts - 1} retry after a conflict`,
  );
  await reportBalances(report, repository, accountIds);

  report.step('Alice tries to transfer 10000 to Bob: more than she holds');
  const versionsBefore = await Promise.all(accountIds.map((accountId) => store.streamVersion(accountId)));
  let refusal: unknown;
  try {
    await commandBus.publish(
      TransferMoney({ transferId: 'transfer-2', fromAccountId: 'alice', toAccountId: 'bob', amount: 10_000 }),
    );
  } catch (error) {
    report.detail(`publish rejected: ${formatError(error)}`);
    refusal = handlerCauseOf(error);
  }
  assert.ok(refusal instanceof InsufficientFundsError, 'the overdraft was expected to be refused');
  report.detail(`its cause: ${formatError(refusal)}`);
  const versionsAfter = await Promise.all(accountIds.map((accountId) => store.streamVersion(accountId)));
  assert.deepEqual(versionsAfter, versionsBefore, 'a refused transfer wrote events');
  report.detail(`nothing written: alice still v${versionsAfter[0]}, bob still v${versionsAfter[1]}`);
  await reportBalances(report, repository, accountIds);

  report.step('The SMTP server goes down; Bob deposits 75');
  smtp.goDown();
  await commandBus.publish(DepositMoney({ accountId: 'bob', amount: 75, reference: 'cash' }));
  const deadLettersAfterRetries = await deadLetterQueue.count();
  report.detail(
    `the deposit is stored (bob v${await store.streamVersion('bob')}); only its receipt failed, ${smtp.timeouts} times`,
  );
  for (const letter of await deadLetterQueue.list()) {
    const { handlerName, attempts, message, error } = letter;
    report.detail(
      `dead letter ${shortId(letter.id)}: handler=${handlerName} attempts=${attempts} message=${message.type} id=${shortId(message.id)}`,
    );
    report.detail(`  error=${error.name}(${error.code ?? '-'}) "${error.message}"`);
  }
  report.detail(`dead letters: ${deadLettersAfterRetries}`);
  assert.equal(
    await deadLetterQueue.count({ handlerName: SEND_RECEIPT_EMAIL }),
    1,
    'the failing receipt was expected in the dead-letter queue',
  );
  await reportBalances(report, repository, accountIds);

  report.step('The SMTP server is repaired; redrive the dead letters');
  smtp.repair();
  const redrive = await deadLetterQueue.redrive(eventBus);
  const deadLettersAfterRedrive = await deadLetterQueue.count();
  report.detail(
    `redrive: succeeded ${redrive.succeeded}, failed ${redrive.failed}; dead letters: ${deadLettersAfterRedrive}`,
  );
  assert.equal(deadLettersAfterRedrive, 0, 'the redrive was expected to empty the dead-letter queue');
  await reportBalances(report, repository, accountIds);

  return {
    accountIds,
    deadLetterQueue,
    transferAttempts,
    overdraftError: refusal,
    deadLettersAfterRetries,
    deadLettersAfterRedrive,
    redrive,
  };
}
