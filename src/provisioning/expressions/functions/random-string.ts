import type { FunctionCall, FunctionTable } from './function-call.js';

/** RandomString's longest result, as the reference documents. */
export const RANDOM_STRING_MAX_LENGTH = 256;

const DIGITS = '0123456789';
const CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
/** The special characters of Windows' password complexity rules, which the reference points to. */
const SPECIALS = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/';

function pick(call: FunctionCall, characters: string): string {
  const index = Math.min(characters.length - 1, Math.floor(call.context.random() * characters.length));
  return characters.charAt(Math.max(0, index));
}

export const RANDOM_FUNCTIONS: FunctionTable<'RandomString'> = {
  RandomString: (call) => {
    const length = call.integer(0, 'Length');
    const minimums = [
      call.integer(1, 'MinimumNumbers'),
      call.integer(2, 'MinimumSpecialCharacters'),
      call.integer(3, 'MinimumCapital'),
      call.integer(4, 'MinimumLowerCase'),
    ];
    const avoid = call.present(5) ? (call.text(5) ?? '') : '';
    if (length < 1 || length > RANDOM_STRING_MAX_LENGTH) {
      throw call.fail(`Length must be from 1 to ${RANDOM_STRING_MAX_LENGTH}, not ${length}`);
    }
    if (minimums.some((minimum) => minimum < 0)) throw call.fail('the minimums must be 0 or more');
    const required = minimums.reduce((sum, minimum) => sum + minimum, 0);
    if (required > length) throw call.fail(`the minimums add up to ${required}, more than Length ${length}`);
    const sets = [DIGITS, SPECIALS, CAPITALS, LOWERCASE].map((set) =>
      [...set].filter((c) => !avoid.includes(c)).join(''),
    );
    const chars: string[] = [];
    sets.forEach((set, i) => {
      const minimum = minimums[i]!;
      if (minimum > 0 && set === '')
        throw call.fail('CharactersToAvoid leaves no character for a required kind');
      for (let k = 0; k < minimum; k++) chars.push(pick(call, set));
    });
    // The rest comes from the kinds asked for, or from letters and digits when none is.
    const asked = sets.filter((set, i) => minimums[i]! > 0 && set !== '').join('');
    const filler = asked !== '' ? asked : [sets[0], sets[2], sets[3]].join('');
    if (chars.length < length && filler === '')
      throw call.fail('CharactersToAvoid leaves no character to use');
    while (chars.length < length) chars.push(pick(call, filler));
    // Fisher-Yates, so the required characters do not always come first.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(call.context.random() * (i + 1)));
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    return chars.join('');
  },
};
