import { describe, expect, it } from 'vitest';
import { STARTUP_V8_FLAGS, startupFlagsToAdd } from './v8-flags.js';

describe('startupFlagsToAdd', () => {
  it('gives sync its young-generation flag, and no other command any', () => {
    expect(startupFlagsToAdd(['sync', 'app1', '--json'], [], undefined)).toEqual([
      ...STARTUP_V8_FLAGS['sync']!,
    ]);
    expect(startupFlagsToAdd(['serve'], [], undefined)).toEqual([]);
    expect(startupFlagsToAdd([], [], undefined)).toEqual([]);
    // An option before the command is not a command (and the relaunch would not help it).
    expect(startupFlagsToAdd(['--help'], [], undefined)).toEqual([]);
  });

  it('leaves the flag to the operator when node already has it, in any spelling (so no relaunch loop)', () => {
    expect(startupFlagsToAdd(['sync'], ['--max-semi-space-size=64'], undefined)).toEqual([]);
    expect(startupFlagsToAdd(['sync'], ['--max_semi_space_size=8'], undefined)).toEqual([]);
    expect(startupFlagsToAdd(['sync'], [], '--enable-source-maps --max-semi-space-size=32')).toEqual([]);
  });
});
