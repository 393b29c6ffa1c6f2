// A process of appenders for crash-immediate-stop.test.ts, run as `node --import tsx crash-writer-child.ts
// <url> <schema>`: four appenders loop on one store until each is rejected; it says 'appending' to its parent
// once 50 appends are acknowledged, then 'rejected' with what the store threw, then closes and exits 0. A
// process that dies of the server's crash never gets to say 'rejected'.
import { defineEvent, payload } from '@orchestrix/core';
import { PostgreSQLEventStore } from '../../src/index';

/** What the child tells its parent. */
export type CrashChildMessage =
  | { readonly kind: 'appending' }
  | {
      readonly kind: 'rejected';
      readonly errors: readonly { readonly name: string; readonly code: unknown; readonly retryable: unknown }[];
    };

const ChildAppended = defineEvent('ChildAppended', payload<{ writer: number; append: number }>());

function send(message: CrashChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) throw new Error('crash-writer-child must be started with an IPC channel.');
    process.send(message, undefined, {}, (error) => (error === null ? resolve() : reject(error)));
  });
}

async function main(): Promise<void> {
  const [connectionString, schema] = process.argv.slice(2);
  if (connectionString === undefined || schema === undefined) {
    throw new Error('usage: crash-writer-child <connection string> <schema>');
  }
  const store = new PostgreSQLEventStore({ connectionString, schema, connectTimeoutMs: 2000 });
  await store.initialize();
  let acknowledged = 0;
  let announced: Promise<void> | undefined;
  const errors = await Promise.all(
    Array.from({ length: 4 }, async (_, writer) => {
      for (let append = 0; ; append += 1) {
        try {
          await store.save(`child-${writer}`, [ChildAppended({ writer, append })]);
        } catch (error) {
          const { name, code, retryable } = error as { name: string; code?: unknown; retryable?: unknown };
          return { name, code, retryable };
        }
        acknowledged += 1;
        if (acknowledged === 50) announced = send({ kind: 'appending' });
      }
    }),
  );
  await announced;
  await send({ kind: 'rejected', errors });
  await store.close();
  process.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-writer-child failed: ${String(error)}\n`);
  process.exit(1);
});
