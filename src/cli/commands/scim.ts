import type { Command } from 'commander';
import {
  applyPatch,
  compileFilter,
  isJsonObject,
  parseFilter,
  parsePatchRequest,
  printFilter,
  SchemaRegistry,
  ScimError,
  type JsonObject,
} from '../../scim/index.js';
import { CliError, type CliIo } from '../io.js';
import { caretLine, parseJsonInput } from '../json-input.js';

interface FilterOptions {
  readonly resources?: string;
  readonly resourceType: string;
  readonly json?: boolean;
}

interface PatchOptions {
  readonly resourceType: string;
}

/** `scimsync scim …`: the protocol core at the terminal, for checking filters and PATCH requests. */
export function registerScimCommands(program: Command, io: CliIo): void {
  const scim = program
    .command('scim')
    .description('Check SCIM filters and PATCH requests offline (RFC 7644).');

  scim
    .command('filter')
    .description(
      'Parse a SCIM filter, print it in canonical form, and optionally evaluate it against resources.',
    )
    .argument('<filter>', 'the filter, e.g. \'emails[type eq "work" and value co "@example.com"]\'')
    .option('--resources <file>', 'a JSON file: one resource, an array of resources, or a ListResponse')
    .option(
      '--resource-type <name>',
      'the resource type whose schema decides case-exactness and types',
      'User',
    )
    .option('--json', 'print JSON')
    .action(async (text: string, options: FilterOptions) => {
      const registry = SchemaRegistry.withCoreSchemas();
      const schema = resourceSchemaOf(registry, options.resourceType);
      const filter = withPosition(text, () => parseFilter(text));
      const canonical = printFilter(filter);
      if (options.resources === undefined) {
        io.out(
          options.json === true
            ? `${JSON.stringify({ filter: canonical, ast: filter })}\n`
            : `${canonical}\n`,
        );
        return;
      }
      const resources = asResourceList(
        parseJsonInput(await io.readFile(options.resources), options.resources),
        options.resources,
      );
      const matches = withPosition(text, () => compileFilter(filter, schema));
      const matched = resources.filter((resource) => matches(resource));
      if (options.json === true) {
        io.out(
          `${JSON.stringify({ filter: canonical, matched: matched.length, total: resources.length, resources: matched })}\n`,
        );
        return;
      }
      io.out(`${canonical}\nmatched ${matched.length} of ${resources.length}\n`);
      for (const resource of matched) io.out(`  ${describeResource(resource)}\n`);
    });

  scim
    .command('patch')
    .description('Apply a SCIM PATCH request to a resource and print the result (nothing is stored).')
    .argument('<resource>', 'a JSON file holding the resource')
    .argument('<request>', 'a JSON file holding the PatchOp request')
    .option('--resource-type <name>', 'the resource type of the resource', 'User')
    .action(async (resourceFile: string, requestFile: string, options: PatchOptions) => {
      const schema = resourceSchemaOf(SchemaRegistry.withCoreSchemas(), options.resourceType);
      const resource = parseJsonInput(await io.readFile(resourceFile), resourceFile);
      if (!isJsonObject(resource))
        throw new CliError(`${resourceFile}: expected a JSON object (a SCIM resource)`);
      const request = parseJsonInput(await io.readFile(requestFile), requestFile);
      try {
        const result = applyPatch(resource, parsePatchRequest(request), schema);
        io.out(`${JSON.stringify(result.resource, null, 2)}\n`);
      } catch (error) {
        if (error instanceof ScimError)
          throw new CliError(`${requestFile}: ${describeScimError(error)}`, 1, { cause: error });
        throw error;
      }
    });
}

function resourceSchemaOf(registry: SchemaRegistry, name: string) {
  if (registry.getResourceType(name) === undefined) {
    const known = registry
      .listResourceTypes()
      .map((r) => r.name)
      .join(', ');
    throw new CliError(`unknown resource type "${name}" (known: ${known})`);
  }
  return registry.resourceSchema(name);
}

function withPosition<T>(input: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    const caret = error.position === undefined ? '' : `\n${caretLine(input, error.position)}`;
    throw new CliError(`${describeScimError(error)}${caret}`, 1, { cause: error });
  }
}

function describeScimError(error: ScimError): string {
  return `${error.scimType ?? `HTTP ${error.status}`}: ${error.detail}`;
}

function asResourceList(value: unknown, file: string): JsonObject[] {
  const list = isJsonObject(value) && Array.isArray(value['Resources']) ? value['Resources'] : value;
  const items = Array.isArray(list) ? list : [list];
  items.forEach((item, index) => {
    if (!isJsonObject(item)) throw new CliError(`${file}: resource ${index} is not a JSON object`);
  });
  return items as JsonObject[];
}

function describeResource(resource: JsonObject): string {
  const label = resource['userName'] ?? resource['displayName'] ?? resource['externalId'];
  const id = typeof resource['id'] === 'string' ? resource['id'] : '(no id)';
  return typeof label === 'string' ? `${id} ${label}` : id;
}
