import { describe, expect, it, vi } from 'vitest';
import { noopLogger } from './noop-logger';

describe('noopLogger', () => {
  it('writes nothing at any level, nor do its children', () => {
    const write = vi.spyOn(process.stderr, 'write');

    noopLogger.debug('one');
    noopLogger.info('two', { password: 'x' });
    noopLogger.warn('three');
    noopLogger.error('four', { error: new Error('boom') });
    noopLogger.child({ tenantId: 'acme' }).error('five');

    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });
});
