import {
  defineAttribute,
  type AttributeDefinition,
  type ResourceTypeDefinition,
  type SchemaDefinition,
} from './attribute.js';
import { ENTERPRISE_USER_SCHEMA_ID } from './enterprise-user.js';

export const CORE_USER_SCHEMA_ID = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** The `display` / `type` / `primary` trio RFC 7643 §2.4 gives every multi-valued attribute. */
function multiValuedCommon(
  typeDescription: string,
  canonicalValues?: readonly string[],
): AttributeDefinition[] {
  return [
    defineAttribute('display', {
      description: 'A human-readable name, primarily used for display purposes.  READ-ONLY.',
    }),
    defineAttribute('type', {
      description: typeDescription,
      ...(canonicalValues === undefined ? {} : { canonicalValues }),
    }),
    defineAttribute('primary', {
      type: 'boolean',
      description:
        "A Boolean value indicating the 'primary' or preferred attribute value for this attribute.  The primary attribute value 'true' MUST appear no more than once.",
    }),
  ];
}

/** The name components of RFC 7643 §4.1.1. */
const NAME_SUB_ATTRIBUTES: readonly AttributeDefinition[] = [
  defineAttribute('formatted', {
    description:
      "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III').",
  }),
  defineAttribute('familyName', {
    description: "The family name of the User, or last name in most Western languages (e.g., 'Jensen').",
  }),
  defineAttribute('givenName', {
    description: "The given name of the User, or first name in most Western languages (e.g., 'Barbara').",
  }),
  defineAttribute('middleName', {
    description:
      "The middle name(s) of the User (e.g., 'Jane' given the full name 'Ms. Barbara J Jensen, III').",
  }),
  defineAttribute('honorificPrefix', {
    description: "The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.').",
  }),
  defineAttribute('honorificSuffix', {
    description: "The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III').",
  }),
];

/** The address components of RFC 7643 §4.1.2; note there is no `value`. */
const ADDRESS_SUB_ATTRIBUTES: readonly AttributeDefinition[] = [
  defineAttribute('formatted', {
    description: 'The full mailing address, formatted for display or use with a mailing label.',
  }),
  defineAttribute('streetAddress', {
    description:
      'The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information.',
  }),
  defineAttribute('locality', { description: 'The city or locality component.' }),
  defineAttribute('region', { description: 'The state or region component.' }),
  defineAttribute('postalCode', { description: 'The zip code or postal code component.' }),
  defineAttribute('country', { description: 'The country name component.' }),
  defineAttribute('type', {
    canonicalValues: ['work', 'home', 'other'],
    description: "A label indicating the attribute's function, e.g., 'work' or 'home'.",
  }),
  // §8.7.1 omits it, but §2.4 gives `primary` to every multi-valued attribute and §4.1.2 uses it.
  defineAttribute('primary', {
    type: 'boolean',
    description:
      "A Boolean value indicating the 'primary' or preferred attribute value for this attribute, e.g., the preferred mailing address or primary email address.  The primary attribute value 'true' MUST appear no more than once.",
  }),
];

/**
 * The User schema: every attribute of RFC 7643 §4.1 with the characteristics of its normative
 * representation in §8.7.1.
 */
export const CORE_USER_SCHEMA: SchemaDefinition = Object.freeze({
  id: CORE_USER_SCHEMA_ID,
  name: 'User',
  description: 'User Account',
  attributes: [
    defineAttribute('userName', {
      required: true,
      uniqueness: 'server',
      description:
        "Unique identifier for the User, typically used by the user to directly authenticate to the service provider.  Each User MUST include a non-empty userName value.  This identifier MUST be unique across the service provider's entire set of Users.  REQUIRED.",
    }),
    defineAttribute('name', {
      type: 'complex',
      subAttributes: NAME_SUB_ATTRIBUTES,
      description:
        "The components of the user's real name.  Providers MAY return just the full name as a single string in the formatted sub-attribute, or they MAY return just the individual component attributes using the other sub-attributes, or they MAY return both.",
    }),
    defineAttribute('displayName', {
      description:
        'The name of the User, suitable for display to end-users.  The name SHOULD be the full name of the User being described, if known.',
    }),
    defineAttribute('nickName', {
      description:
        "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'.",
    }),
    defineAttribute('profileUrl', {
      type: 'reference',
      referenceTypes: ['external'],
      description: "A fully qualified URL pointing to a page representing the User's online profile.",
    }),
    defineAttribute('title', { description: 'The user\'s title, such as "Vice President."' }),
    defineAttribute('userType', {
      description:
        "Used to identify the relationship between the organization and the user.  Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used.",
    }),
    defineAttribute('preferredLanguage', {
      description:
        "Indicates the User's preferred written or spoken language.  Generally used for selecting a localized user interface; e.g., 'en_US' specifies the language English and country US.",
    }),
    defineAttribute('locale', {
      description:
        "Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations.",
    }),
    defineAttribute('timezone', {
      description:
        "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'.",
    }),
    defineAttribute('active', {
      type: 'boolean',
      description: "A Boolean value indicating the User's administrative status.",
    }),
    defineAttribute('password', {
      mutability: 'writeOnly',
      returned: 'never',
      description:
        "The User's cleartext password.  This attribute is intended to be used as a means to specify an initial password when creating a new User or to reset an existing User's password.",
    }),
    defineAttribute('emails', {
      type: 'complex',
      multiValued: true,
      description:
        "Email addresses for the user.  The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'.  Canonical type values of 'work', 'home', and 'other'.",
      subAttributes: [
        defineAttribute('value', {
          description:
            "Email addresses for the user.  The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'.  Canonical type values of 'work', 'home', and 'other'.",
        }),
        ...multiValuedCommon("A label indicating the attribute's function, e.g., 'work' or 'home'.", [
          'work',
          'home',
          'other',
        ]),
      ],
    }),
    defineAttribute('phoneNumbers', {
      type: 'complex',
      multiValued: true,
      description:
        "Phone numbers for the User.  The value SHOULD be canonicalized by the service provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'.  Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.",
      subAttributes: [
        defineAttribute('value', { description: 'Phone number of the User.' }),
        ...multiValuedCommon("A label indicating the attribute's function, e.g., 'work', 'home', 'mobile'.", [
          'work',
          'home',
          'mobile',
          'fax',
          'pager',
          'other',
        ]),
      ],
    }),
    defineAttribute('ims', {
      type: 'complex',
      multiValued: true,
      description: 'Instant messaging addresses for the User.',
      subAttributes: [
        defineAttribute('value', { description: 'Instant messaging address for the User.' }),
        ...multiValuedCommon("A label indicating the attribute's function, e.g., 'aim', 'gtalk', 'xmpp'.", [
          'aim',
          'gtalk',
          'icq',
          'xmpp',
          'msn',
          'skype',
          'qq',
          'yahoo',
        ]),
      ],
    }),
    defineAttribute('photos', {
      type: 'complex',
      multiValued: true,
      description: 'URLs of photos of the User.',
      subAttributes: [
        defineAttribute('value', {
          type: 'reference',
          referenceTypes: ['external'],
          description: 'URL of a photo of the User.',
        }),
        ...multiValuedCommon("A label indicating the attribute's function, i.e., 'photo' or 'thumbnail'.", [
          'photo',
          'thumbnail',
        ]),
      ],
    }),
    defineAttribute('addresses', {
      type: 'complex',
      multiValued: true,
      description:
        "A physical mailing address for this User.  Canonical type values of 'work', 'home', and 'other'.  This attribute is a complex type with the following sub-attributes.",
      subAttributes: ADDRESS_SUB_ATTRIBUTES,
    }),
    defineAttribute('groups', {
      type: 'complex',
      multiValued: true,
      mutability: 'readOnly',
      description:
        'A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.',
      subAttributes: [
        defineAttribute('value', {
          mutability: 'readOnly',
          description: "The identifier of the User's group.",
        }),
        defineAttribute('$ref', {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          mutability: 'readOnly',
          description: "The URI of the corresponding 'Group' resource to which the user belongs.",
        }),
        defineAttribute('display', {
          mutability: 'readOnly',
          description: 'A human-readable name, primarily used for display purposes.  READ-ONLY.',
        }),
        defineAttribute('type', {
          canonicalValues: ['direct', 'indirect'],
          mutability: 'readOnly',
          description: "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.",
        }),
      ],
    }),
    defineAttribute('entitlements', {
      type: 'complex',
      multiValued: true,
      description: 'A list of entitlements for the User that represent a thing the User has.',
      subAttributes: [
        defineAttribute('value', { description: 'The value of an entitlement.' }),
        ...multiValuedCommon("A label indicating the attribute's function."),
      ],
    }),
    defineAttribute('roles', {
      type: 'complex',
      multiValued: true,
      description:
        "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.",
      subAttributes: [
        defineAttribute('value', { description: 'The value of a role.' }),
        ...multiValuedCommon("A label indicating the attribute's function."),
      ],
    }),
    defineAttribute('x509Certificates', {
      type: 'complex',
      multiValued: true,
      description: 'A list of certificates issued to the User.',
      subAttributes: [
        // Erratum 6000: binary values are compared exactly.
        defineAttribute('value', {
          type: 'binary',
          caseExact: true,
          description: 'The value of an X.509 certificate.',
        }),
        ...multiValuedCommon("A label indicating the attribute's function."),
      ],
    }),
  ],
});

export const USER_RESOURCE_TYPE: ResourceTypeDefinition = Object.freeze({
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: CORE_USER_SCHEMA_ID,
  schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA_ID, required: false }],
});
