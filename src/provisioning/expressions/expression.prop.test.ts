import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluate-expression.js';
import {
  COMPARISON_OPERATORS,
  EMPTY_NODE,
  EXPRESSION_CONSTANTS,
  type ExpressionConstant,
  type ExpressionNode,
} from './expression-ast.js';
import { ExpressionEvaluationError } from './expression-errors.js';
import { parseExpression } from './expression-parser.js';
import { FUNCTION_NAMES, FUNCTION_SIGNATURES, type FunctionName } from './function-signatures.js';
import { createTestContext } from './functions.cases.js';
import { printExpression, printStringConstant } from './print-expression.js';
import type { ExpressionValue } from './value-conversion.js';

const trickyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      '\\',
      '\\\\',
      ',',
      ')',
      '(',
      '[',
      ']',
      '\n',
      'é',
      '😀',
      ' ',
      'a',
      '$1',
      '${x}',
    ),
  }),
);

const attributeName = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/);

const leaf: fc.Arbitrary<ExpressionNode> = fc.oneof(
  attributeName.map((name): ExpressionNode => ({ kind: 'attribute', name })),
  trickyString.map((value): ExpressionNode => ({ kind: 'string', value })),
  fc
    .integer({ min: -1_000_000, max: 1_000_000 })
    .map((value): ExpressionNode => ({ kind: 'number', value, radix: 10 })),
  fc.maxSafeNat().map((value): ExpressionNode => ({ kind: 'number', value, radix: 16 })),
  fc
    .constantFrom(...(Object.keys(EXPRESSION_CONSTANTS) as ExpressionConstant[]))
    .map((name): ExpressionNode => ({ kind: 'constant', name })),
);

/** Functions whose arguments any node may fill (Replace, the conditions and SelectUniqueValue have rules). */
const PLAIN_FUNCTIONS = FUNCTION_NAMES.filter(
  (name) => !['Replace', 'IIF', 'CBool', 'SelectUniqueValue'].includes(name),
);

/** Replace's modes as the positions (after the source) they fill. */
const REPLACE_SHAPES: readonly (readonly number[])[] = [
  [1, 6],
  [1, 4],
  [2, 3, 5],
  [2, 3, 4],
  [2, 4],
];

const { node } = fc.letrec<{ node: ExpressionNode; call: ExpressionNode; argument: ExpressionNode }>(
  (tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('call')),
    argument: fc.oneof(
      { weight: 1, arbitrary: fc.constant(EMPTY_NODE) },
      { weight: 4, arbitrary: tie('node') },
    ),
    call: fc.oneof(
      { weight: 6, arbitrary: plainCall(tie('argument'), tie('node')) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom<FunctionName>('IIF', 'CBool'),
            fc.option(fc.tuple(tie('node'), fc.constantFrom(...COMPARISON_OPERATORS), tie('node'))),
            fc.array(tie('argument'), { minLength: 2, maxLength: 2 }),
            tie('node'),
          )
          .map(([name, comparison, rest, plain]): ExpressionNode => {
            const condition: ExpressionNode =
              comparison === null
                ? plain
                : { kind: 'comparison', left: comparison[0], operator: comparison[1], right: comparison[2] };
            return { kind: 'call', name, args: name === 'IIF' ? [condition, ...rest] : [condition] };
          }),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...REPLACE_SHAPES), fc.array(tie('node'), { minLength: 7, maxLength: 7 }))
          .map(([shape, nodes]): ExpressionNode => ({
            kind: 'call',
            name: 'Replace',
            args: nodes.map((n, i) => (i === 0 || shape.includes(i) ? n : EMPTY_NODE)),
          })),
      },
    ),
  }),
);

function plainCall(
  argument: fc.Arbitrary<ExpressionNode>,
  nonEmpty: fc.Arbitrary<ExpressionNode>,
): fc.Arbitrary<ExpressionNode> {
  return fc.constantFrom(...PLAIN_FUNCTIONS).chain((name) => {
    const { min, max, even } = FUNCTION_SIGNATURES[name];
    const counts = Array.from({ length: Math.min(max, min + 3) - min + 1 }, (_, i) => min + i).filter(
      (n) => even !== true || n % 2 === 0,
    );
    return fc.constantFrom(...counts).chain((count) =>
      // One lone empty argument cannot be written: `F()` has none.
      count === 1
        ? nonEmpty.map((only): ExpressionNode => ({ kind: 'call', name, args: [only] }))
        : fc
            .array(argument, { minLength: count, maxLength: count })
            .map((args): ExpressionNode => ({ kind: 'call', name, args })),
    );
  });
}

const root = fc.oneof(
  { weight: 6, arbitrary: node },
  {
    weight: 1,
    arbitrary: fc
      .array(node, { minLength: 2, maxLength: 4 })
      .map((args): ExpressionNode => ({ kind: 'call', name: 'SelectUniqueValue', args })),
  },
);

const value: fc.Arbitrary<ExpressionValue> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    '',
    'True',
    'false',
    '7',
    '-3',
    '2021-08-24',
    '12/31/2020 10:00:00 AM',
    '129699324000000000',
    'a b,c',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.constant([{ value: 'Admin', displayName: 'Administrator' }]),
);

describe('expression properties', () => {
  it('printing a tree and parsing it back gives the same tree', () => {
    fc.assert(
      fc.property(root, (tree) => {
        const text = printExpression(tree);
        expect(parseExpression(text).root).toStrictEqual(tree);
      }),
      { numRuns: 1_500 },
    );
  });

  it('escaped string constants round-trip', () => {
    fc.assert(
      fc.property(trickyString, (text) => {
        expect(parseExpression(printStringConstant(text)).root).toStrictEqual({
          kind: 'string',
          value: text,
        });
      }),
      { numRuns: 1_000 },
    );
  });

  it('evaluation only ever fails with ExpressionEvaluationError', () => {
    fc.assert(
      fc.property(
        root,
        fc.dictionary(attributeName, value, { maxKeys: 4 }),
        value,
        (tree, attributes, fallback) => {
          const context = createTestContext(attributes);
          const withFallback = {
            ...context,
            attribute: (name: string) => context.attribute(name) ?? fallback,
          };
          try {
            evaluateExpression(parseExpression(printExpression(tree)), withFallback);
          } catch (error) {
            if (!(error instanceof ExpressionEvaluationError)) throw error;
            expect(FUNCTION_NAMES as readonly string[]).toContain(
              error.functionName.replace(/^".*"$/, 'IIF'),
            );
          }
        },
      ),
      { numRuns: 1_500 },
    );
  });
});
