/**
 * The SCIM 2.0 protocol core (RFC 7643, RFC 7644, RFC 9865): pure data and functions, no I/O.
 * Used by the service provider to answer requests and by the provisioning engine's client to
 * build requests and read answers.
 * @module
 */
export * from './errors/index.js';
export * from './schema/index.js';
export * from './path/index.js';
export * from './filter/index.js';
export * from './resource/index.js';
export * from './patch/index.js';
export * from './query/index.js';
export * from './messages/index.js';
export * from './version/index.js';
