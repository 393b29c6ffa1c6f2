// One trace across a command's whole flow on PostgreSQL: the projection reads the events back through a
// second store instance, as another process would, and its delivery is still a child of the handler span.
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_REQUEST } from './support/messages';
import { dropSchema, testPool, uniqueSchemaName } from './support/test-database';
import { runTraceFlow, type TraceFlow } from './support/trace-flow';

const writerPool = testPool(4);
const readerPool = testPool(4);
const schema = uniqueSchemaName('instrument_trace');

describe('a trace through instrumented components on PostgreSQL', () => {
  let flow: TraceFlow;

  beforeAll(async () => {
    const writer = new PostgreSQLEventStore({ pool: writerPool, schema });
    await writer.initialize();
    const reader = new PostgreSQLEventStore({ pool: readerPool, schema });
    await reader.initialize();
    flow = await runTraceFlow(writer, reader, reader.checkpoints());
  });

  afterAll(async () => {
    await dropSchema(writerPool, schema);
    await writerPool.end();
    await readerPool.end();
  });

  it('stores the events with the handler span traceparent, as the second instance reads them', () => {
    expect(flow.parentOf('handle_command:PlaceOrder')).toBe(HTTP_REQUEST);
    expect(flow.stored.map((event) => event.traceparent)).toEqual([flow.traceparentOf('handle_command:PlaceOrder')]);
  });

  it('nests the store spans under the repository spans', () => {
    expect(flow.parentOf('event_store.load')).toBe(flow.traceparentOf('load_aggregate:Order'));
    expect(flow.parentOf('event_store.save')).toBe(flow.traceparentOf('save_aggregate:Order'));
  });

  it("makes the projection's delivery, read by the second instance, a child of the command handler span", () => {
    const delivery = flow.tracer.spans.filter((span) => span.name === 'process_event:OrderPlaced').at(-1);

    expect(delivery?.options?.attributes).toMatchObject({ 'orchestrix.projection': 'mails' });
    expect(delivery?.options?.parent).toBe(flow.traceparentOf('handle_command:PlaceOrder'));
    expect(flow.created[0]?.traceparent).toBe(delivery?.traceparent);
  });

  it('ends every span', () => {
    expect(flow.tracer.spans.every((span) => span.ended)).toBe(true);
  });
});
