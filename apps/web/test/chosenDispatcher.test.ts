import type { HealthResponse } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { chosenDispatcher } from '../src/runState/useRunUiStore';

type Offer = Pick<HealthResponse, 'dispatchers' | 'defaultDispatcher'>;
const queueServer: Offer = { dispatchers: ['local', 'queue'], defaultDispatcher: 'queue' };
const localServer: Offer = { dispatchers: ['local'], defaultDispatcher: 'local' };

describe("the Run control's dispatcher", () => {
  it("follows the server's default until the person picks one", () => {
    expect(chosenDispatcher(null, queueServer)).toBe('queue');
    expect(chosenDispatcher(null, { ...queueServer, defaultDispatcher: 'local' })).toBe('local');
    expect(chosenDispatcher('local', queueServer)).toBe('local');
    expect(chosenDispatcher('queue', { ...queueServer, defaultDispatcher: 'local' })).toBe('queue');
  });

  it('never names a dispatcher the server does not offer', () => {
    expect(chosenDispatcher('queue', localServer)).toBe('local');
    expect(chosenDispatcher(null, undefined)).toBe('local');
    expect(chosenDispatcher(null, { dispatchers: ['local'], defaultDispatcher: 'queue' })).toBe('local');
  });
});
