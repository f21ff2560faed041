/**
 * `--ATTR VALUE` pairs for any Graph user attribute (`--surname Smith --accountEnabled false`),
 * parsed from the arguments commander leaves unknown: the attribute list is open-ended
 * (`extension_*`), so it cannot be declared as options up front.
 */
import { canonicalUserAttribute, userAttributeNames } from '../directory/index.js';
import type { JsonObject } from '../scim/index.js';
import { CliError } from './io.js';

/** Attributes whose flag value is a `;`-separated list (the flag may also repeat). */
const LIST_ATTRIBUTES = new Set(['businessPhones']);

export function parseAttributeFlags(tokens: readonly string[]): JsonObject {
  const attributes: JsonObject = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!token.startsWith('--')) {
      throw new CliError(`unexpected argument "${token}": give attributes as --NAME VALUE pairs`);
    }
    const eq = token.indexOf('=');
    const given = token.slice(2, eq === -1 ? undefined : eq);
    let value: string | undefined;
    if (eq !== -1) value = token.slice(eq + 1);
    else {
      value = tokens[i + 1];
      i++;
    }
    const name = canonicalUserAttribute(given);
    if (name === undefined || name === 'id' || name === 'createdDateTime') {
      const valid = userAttributeNames().filter((n) => n !== 'id' && n !== 'createdDateTime');
      throw new CliError(
        `unknown attribute flag --${given}; valid: ${valid.map((n) => `--${n}`).join(', ')}`,
      );
    }
    if (value === undefined) throw new CliError(`--${given} needs a value ("" clears the attribute)`);
    if (LIST_ATTRIBUTES.has(name)) {
      const previous = Array.isArray(attributes[name]) ? (attributes[name] as string[]) : [];
      const items = value
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      attributes[name] = value === '' ? '' : [...previous, ...items];
    } else {
      attributes[name] = value;
    }
  }
  return attributes;
}
