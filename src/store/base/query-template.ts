import type { CompiledQuery } from 'kysely';

/** Where a bound parameter of a template comes from. */
type ParameterSource =
  | { readonly kind: 'constant'; readonly value: unknown }
  | { readonly kind: 'argument'; readonly index: number; readonly lower: boolean };

/** A compiled query whose string arguments can be replaced without building it again. */
export interface QueryTemplate {
  readonly query: CompiledQuery;
  readonly sources: readonly ParameterSource[];
}

/**
 * The strings to build the probe compilation with. Upper-case on purpose: a parameter equal to a
 * probe's lower-case form was lower-cased by the compiler.
 */
export function probeArguments(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `\u0000Probe${i}\u0000`);
}

/**
 * Learns a template from two compilations of one query: with the real arguments and with
 * {@link probeArguments} in their place. It exists only when the probe changes nothing but parameters that are
 * an argument verbatim or lower-cased, every argument is bound somewhere (none was decided at
 * compile time, e.g. compared with a constant), and the template reproduces the real parameters.
 * Anything else the compiler did with an argument (a LIKE pattern, a dateTime made canonical)
 * makes the query not templatable, and it is built per call as before.
 */
export function learnTemplate(
  compiled: CompiledQuery,
  probed: CompiledQuery,
  args: readonly string[],
): QueryTemplate | undefined {
  const probes = probeArguments(args.length);
  if (probed.sql !== compiled.sql || probed.parameters.length !== compiled.parameters.length) {
    return undefined;
  }
  const used = new Set<number>();
  const sources: ParameterSource[] = [];
  for (let i = 0; i < probed.parameters.length; i++) {
    const value = probed.parameters[i];
    const index =
      typeof value === 'string' ? probes.findIndex((p) => p === value || p.toLowerCase() === value) : -1;
    if (index >= 0) {
      used.add(index);
      sources.push({ kind: 'argument', index, lower: value !== probes[index] });
    } else if (
      (typeof value === 'string' && value.toLowerCase().includes('\u0000probe')) ||
      !Object.is(value, compiled.parameters[i])
    ) {
      // An argument transformed some other way, or a parameter that moved with the arguments.
      return undefined;
    } else {
      sources.push({ kind: 'constant', value });
    }
  }
  if (used.size !== args.length) return undefined;
  const template: QueryTemplate = { query: compiled, sources };
  const again = instantiate(template, args).parameters;
  return again.every((value, i) => Object.is(value, compiled.parameters[i])) ? template : undefined;
}

export function instantiate(template: QueryTemplate, args: readonly string[]): CompiledQuery {
  const parameters = template.sources.map((source) => {
    if (source.kind === 'constant') return source.value;
    const value = args[source.index] ?? '';
    return source.lower ? value.toLowerCase() : value;
  });
  return { ...template.query, parameters };
}
