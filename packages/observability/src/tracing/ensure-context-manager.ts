import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

let isEnsured = false;

/**
 * Registers an AsyncLocalStorage context manager as OpenTelemetry's global one, once per process, so the
 * active span follows `await`. When another one is registered already (by an OpenTelemetry Node SDK), that
 * one stays and ours is disabled.
 *
 * @internal Called by {@link JaegerTracer}; not part of the public API.
 */
export function ensureContextManager(): void {
  if (isEnsured) return;
  isEnsured = true;
  const manager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(manager)) manager.disable();
}
