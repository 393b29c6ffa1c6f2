// One trace across a command's whole flow through instrumented components (SPEC §10).
import { InMemoryCheckpointStore, InMemoryEventStore } from '@orchestrix/memory';
import { beforeAll, describe, expect, it } from 'vitest';
import { HTTP_REQUEST } from './support/messages';
import { runTraceFlow, type TraceFlow } from './support/trace-flow';

describe('a trace through instrumented components', () => {
  let flow: TraceFlow;

  beforeAll(async () => {
    const store = new InMemoryEventStore();
    flow = await runTraceFlow(store, store, new InMemoryCheckpointStore());
  });

  it('parents the command handler span on the traceparent the command was published with', () => {
    expect(flow.parentOf('publish:PlaceOrder')).toBe(HTTP_REQUEST);
    expect(flow.parentOf('handle_command:PlaceOrder')).toBe(HTTP_REQUEST);
  });

  it('nests the repository spans under the handler span and the store spans under them', () => {
    const handler = flow.traceparentOf('handle_command:PlaceOrder');

    expect(flow.parentOf('load_aggregate:Order')).toBe(handler);
    expect(flow.parentOf('event_store.load_snapshot')).toBe(flow.traceparentOf('load_aggregate:Order'));
    expect(flow.parentOf('event_store.load')).toBe(flow.traceparentOf('load_aggregate:Order'));
    expect(flow.parentOf('save_aggregate:Order')).toBe(handler);
    expect(flow.parentOf('event_store.save')).toBe(flow.traceparentOf('save_aggregate:Order'));
  });

  it("stores the events with the handler span's traceparent", () => {
    expect(flow.stored.map((event) => event.traceparent)).toEqual([flow.traceparentOf('handle_command:PlaceOrder')]);
  });

  it('makes the event handler on the bus a child of the command handler span', () => {
    const handler = flow.traceparentOf('handle_command:PlaceOrder');

    expect(flow.parentOf('publish:OrderPlaced')).toBe(handler);
    expect(flow.parentOf('process_event:OrderPlaced')).toBe(handler);
  });

  it("makes the projection's delivery a child of the command handler span, and passes its trace on", () => {
    const delivery = flow.tracer.spans.filter((span) => span.name === 'process_event:OrderPlaced').at(-1);

    expect(delivery?.options?.attributes).toMatchObject({ 'orchestrix.projection': 'mails' });
    expect(delivery?.options?.parent).toBe(flow.traceparentOf('handle_command:PlaceOrder'));
    expect(flow.created[0]?.traceparent).toBe(delivery?.traceparent);
  });

  it('ends every span', () => {
    expect(flow.tracer.spans.every((span) => span.ended)).toBe(true);
  });
});
