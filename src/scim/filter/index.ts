/**
 * @module
 * The SCIM filter language (RFC 7644 §3.4.2.2): one parser producing the {@link Filter} AST,
 * a canonical printer, and an in-memory evaluator compiled to closures.
 */
export * from './filter-ast.js';
export {
  parseFilter,
  FILTER_MAX_DEPTH,
  FILTER_MAX_LENGTH,
  type ParseFilterOptions,
} from './filter-parser.js';
export { printFilter, printFilterLiteral } from './print-filter.js';
export { compileFilter, evaluateFilter, type FilterPredicate } from './evaluate-filter.js';
export { isPresentValue } from './attribute-values.js';
export { parseDateTime } from './date-time.js';
