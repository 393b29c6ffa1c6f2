import { currentMessageContext, runInTraceContext } from '../messages/message-context';
import type { Span, SpanOptions, Tracer } from './tracer';

/**
 * Runs `work` inside a span of `tracer` (when given): a child of `options.parent`, else of the current
 * message context's span; `work` runs in the span's trace context, a failure is recorded on the span and
 * rethrown, and the span always ends; `work` gets the span (`undefined` without a tracer). A tracer that
 * throws never fails the work.
 *
 * @example await traced(tracer, `load_aggregate:${type}`, { attributes }, () => store.load(id));
 */
export async function traced<T>(
  tracer: Tracer | undefined,
  name: string,
  options: SpanOptions,
  work: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (tracer === undefined) return work(undefined);
  const parent = options.parent ?? currentMessageContext()?.traceparent;
  let span: Span;
  try {
    span = tracer.startSpan(name, { ...options, ...(parent === undefined ? {} : { parent }) });
  } catch {
    return work(undefined);
  }
  const started = span;
  try {
    return await runInTraceContext(started, () => work(started));
  } catch (error) {
    safely(() => started.recordError(error));
    throw error;
  } finally {
    safely(() => started.end());
  }
}

function safely(hook: () => void): void {
  try {
    hook();
  } catch {
    // A tracer's failure is never the caller's.
  }
}
