// A writer process for killed-writer.test.ts, run as `node --import tsx append-loop-child.ts <url> <schema>
// <stream>`: it appends batches to one stream in a loop, each at the exact version it last saw, and tells
// its parent over IPC about each append before it starts ('appending', with the events) and once it is
// acknowledged ('appended', with the result), waiting for each message to be sent before going on.
import { defineEvent, payload } from '@orchestrix/core';
import { PostgreSQLEventStore } from '../../src/index';

/** What the child tells its parent. */
export type ChildMessage =
  | { readonly kind: 'appending'; readonly events: readonly unknown[]; readonly expectedVersion: number }
  | {
      readonly kind: 'appended';
      readonly ids: readonly string[];
      readonly nextExpectedVersion: number;
      readonly lastPosition: string;
    };

const StepRecorded = defineEvent('StepRecorded', payload<{ batch: number; index: number; note: string }>());

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) throw new Error('append-loop-child must be started with an IPC channel.');
    process.send(message, undefined, {}, (error) => (error === null ? resolve() : reject(error)));
  });
}

async function main(): Promise<void> {
  const [connectionString, schema, streamId] = process.argv.slice(2);
  if (connectionString === undefined || schema === undefined || streamId === undefined) {
    throw new Error('usage: append-loop-child <connection string> <schema> <stream id>');
  }
  const store = new PostgreSQLEventStore({ connectionString, schema, poolMin: 0, poolMax: 1 });
  await store.initialize({ migrate: false });
  let version = await store.streamVersion(streamId);
  for (let batch = 0; ; batch += 1) {
    // 1 to 40 events, so some appends take long enough to be killed half-way.
    const events = Array.from({ length: 1 + ((batch * 7) % 40) }, (_, index) =>
      StepRecorded({ batch, index, note: 'x'.repeat(200) }),
    );
    await send({ kind: 'appending', events, expectedVersion: version });
    const result = await store.save(streamId, events, version);
    version = result.nextExpectedVersion;
    await send({
      kind: 'appended',
      ids: events.map((event) => event.id),
      nextExpectedVersion: result.nextExpectedVersion,
      lastPosition: result.lastPosition.toString(),
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`append-loop-child failed: ${String(error)}\n`);
  process.exit(1);
});
