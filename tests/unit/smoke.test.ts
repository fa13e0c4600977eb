import { describe, expect, it } from 'vitest';
import { packSchema } from '../../core/pack/schema';

describe('pack schema', () => {
  it('rejects an empty pack', () => {
    expect(packSchema.safeParse({}).success).toBe(false);
  });
});
