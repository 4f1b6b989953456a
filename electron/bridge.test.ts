import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, channelOf } from '../main/contract';
import { buildApi } from './bridge';

describe('buildApi', () => {
  it('offers one method per contract call, each invoking its own channel', async () => {
    const invoke = vi.fn(async (channel: string, arg: unknown) => ({ ok: true, value: { channel, arg } }));
    const api = buildApi(invoke, () => () => {});
    for (const name of CALL_NAMES) {
      const method = api[name] as (arg?: unknown) => Promise<unknown>;
      expect(await method({ probe: name })).toEqual({ ok: true, value: { channel: channelOf(name), arg: { probe: name } } });
    }
    expect(invoke).toHaveBeenCalledTimes(CALL_NAMES.length);
  });

  it('subscribes to contract events and refuses others', () => {
    const unsubscribe = vi.fn();
    const subscribe = vi.fn(() => unsubscribe);
    const api = buildApi(async () => undefined, subscribe);
    const off = api.on('settingsChanged', () => {});
    expect(subscribe).toHaveBeenCalledWith(channelOf('settingsChanged'), expect.any(Function));
    off();
    expect(unsubscribe).toHaveBeenCalled();
    expect(() => api.on('somethingElse' as never, () => {})).toThrow(/unknown event/);
  });

  it('cannot be changed by the page', () => {
    const api = buildApi(async () => undefined, () => () => {});
    expect(Object.isFrozen(api)).toBe(true);
  });
});
