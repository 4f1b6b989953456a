import { describe, expect, it } from 'vitest';
import { WRITE_POLICY, writePolicy } from './write-policy';

describe('writePolicy', () => {
  it('changes only the fields given; an undefined one keeps its default', () => {
    const policy = writePolicy({ hold: { chars: 80_000 }, optimize: { afterChars: 0 }, writerThreadAfterChars: undefined });
    expect(policy).toEqual({ ...WRITE_POLICY, hold: { chars: 80_000, ms: WRITE_POLICY.hold.ms }, optimize: { afterChars: 0, share: WRITE_POLICY.optimize.share } });
    expect(writePolicy()).toEqual(WRITE_POLICY);
    expect(WRITE_POLICY.hold.chars).toBe(8_000_000);
  });
});
