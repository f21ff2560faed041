import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import { SchemaRegistry } from '../schema/schema-registry.js';
import { parseAttributePath, parsePatchPath } from './path-parser.js';
import { resolveAttributePath } from './resolve-attribute-path.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const users = SchemaRegistry.withCoreSchemas().resourceSchema('User');
const resolve = (text: string) => resolveAttributePath(parsePatchPath(text), users);

describe('resolveAttributePath', () => {
  it('resolves core attributes case-insensitively (RFC 7643 §2.1)', () => {
    const resolved = resolve('USERNAME');
    expect(resolved.attribute.definition.name).toBe('userName');
    expect(resolved.attribute.inExtension).toBe(false);
    expect(resolved.definition).toBe(resolved.attribute.definition);
    expect(resolved.subAttribute).toBeUndefined();
  });

  it('resolves sub-attributes, also under a value filter', () => {
    const resolved = resolve('name.GivenName');
    expect(resolved.attribute.definition.name).toBe('name');
    expect(resolved.subAttribute?.name).toBe('givenName');
    expect(resolved.definition).toBe(resolved.subAttribute);
    expect(resolve('emails[type eq "work"].value').definition.name).toBe('value');
  });

  it('resolves the common attributes and fully qualified core paths', () => {
    expect(resolve('meta.lastModified').definition.type).toBe('dateTime');
    expect(resolve('urn:ietf:params:scim:schemas:core:2.0:User:name.familyName').definition.name).toBe(
      'familyName',
    );
  });

  it('resolves extension attributes under their URN', () => {
    const resolved = resolveAttributePath(parseAttributePath(`${ENTERPRISE}:manager.value`), users);
    expect(resolved.attribute.schemaUrn).toBe(ENTERPRISE);
    expect(resolved.attribute.inExtension).toBe(true);
    expect(resolved.definition.name).toBe('value');
  });

  it.each([
    ['nickName2', 'unknown attribute "nickName2"'],
    [`${ENTERPRISE}:userName`, 'unknown attribute "userName"'],
    ['urn:example:unknown:1.0:Ext:thing', 'unknown schema "urn:example:unknown:1.0:Ext"'],
    ['name.nickname', 'unknown sub-attribute "nickname" of "name"'],
    ['userName.value', 'attribute "userName" has no sub-attributes'],
  ])('rejects %s with invalidPath', (text, detail) => {
    let error: unknown;
    try {
      resolve(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).scimType).toBe('invalidPath');
    expect((error as ScimError).detail).toContain(detail);
  });
});
