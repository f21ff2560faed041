import {
  EMPTY_NODE,
  EXPRESSION_CONSTANTS,
  type CallNode,
  type ExpressionConstant,
  type Expression,
  type ExpressionNode,
} from './expression-ast.js';
import { ExpressionSyntaxError } from './expression-errors.js';
import { describeAt, tokenizeExpression, type Token } from './expression-lexer.js';
import { checkArgumentCount, isFunctionName, suggestFunctionName } from './function-signatures.js';
import { checkReplaceArguments } from './functions/replace-arguments.js';

/** Longest expression accepted, in characters (the limit Entra documents). */
export const EXPRESSION_MAX_LENGTH = 10_000;
/** Deepest nesting of calls; keeps parsing and evaluation far from the stack limit. */
export const EXPRESSION_MAX_DEPTH = 100;

/** Functions whose first argument may be a comparison such as `[country]="USA"`. */
const CONDITION_FUNCTIONS: ReadonlySet<string> = new Set(['IIF', 'CBool']);

/**
 * Parses an attribute-mapping expression, e.g. `Join("@", ToLower([mailNickname]), "contoso.com")`.
 *
 * Besides the grammar it checks function names (case-sensitive), argument counts, which
 * Replace arguments go together, and that SelectUniqueValue is the whole expression.
 *
 * @throws ExpressionSyntaxError with the 0-based `position` of the fault.
 */
export function parseExpression(text: string): Expression {
  if (text.length > EXPRESSION_MAX_LENGTH) {
    throw new ExpressionSyntaxError(
      `Expected at most ${EXPRESSION_MAX_LENGTH} characters but the expression has ${text.length}`,
      EXPRESSION_MAX_LENGTH,
      text,
    );
  }
  const parser = new ExpressionParser(text, tokenizeExpression(text));
  const root = parser.parseRoot();
  return Object.freeze({ text, root });
}

class ExpressionParser {
  readonly #text: string;
  readonly #tokens: readonly Token[];
  #index = 0;

  constructor(text: string, tokens: readonly Token[]) {
    this.#text = text;
    this.#tokens = tokens;
  }

  parseRoot(): ExpressionNode {
    if (this.#peek().kind === 'end') throw this.#fail('Expected an expression', this.#peek().start);
    const root = this.#parseArgument(false, true, 0);
    const next = this.#peek();
    if (next.kind !== 'end') {
      throw this.#fail(
        `Expected the end of the expression but found ${describeAt(this.#text, next.start)}`,
        next.start,
      );
    }
    return root;
  }

  #peek(): Token {
    // The token list always ends with `end`, and the parser never moves past it.
    return this.#tokens[this.#index]!;
  }

  #take(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#index++;
    return token;
  }

  #fail(detail: string, position: number): ExpressionSyntaxError {
    return new ExpressionSyntaxError(detail, position, this.#text);
  }

  /** A value, or `value op value` where a condition is allowed. */
  #parseArgument(allowComparison: boolean, top: boolean, depth: number): ExpressionNode {
    const left = this.#parsePrimary(top, depth);
    const next = this.#peek();
    if (next.kind !== 'operator') return left;
    if (!allowComparison) {
      throw this.#fail(
        `Comparison "${next.operator}" is only allowed in the condition of IIF or CBool`,
        next.start,
      );
    }
    this.#take();
    const right = this.#parsePrimary(false, depth);
    return Object.freeze({ kind: 'comparison', operator: next.operator, left, right });
  }

  #parsePrimary(top: boolean, depth: number): ExpressionNode {
    const token = this.#take();
    switch (token.kind) {
      case 'attribute':
        return Object.freeze({ kind: 'attribute', name: token.name });
      case 'string':
        return Object.freeze({ kind: 'string', value: token.value });
      case 'number':
        return Object.freeze({ kind: 'number', value: token.value, radix: token.radix });
      case 'identifier':
        if (this.#peek().kind === 'leftParen') return this.#parseCall(token.name, token.start, top, depth);
        return this.#parseConstant(token.name, token.start);
      default:
        throw this.#fail(
          `Expected a function, [attribute], "string" or number but found ${describeAt(this.#text, token.start)}`,
          token.start,
        );
    }
  }

  #parseConstant(name: string, start: number): ExpressionNode {
    if (Object.hasOwn(EXPRESSION_CONSTANTS, name)) {
      return Object.freeze({ kind: 'constant', name: name as ExpressionConstant });
    }
    if (isFunctionName(name) || suggestFunctionName(name) !== undefined) {
      throw this.#fail(`Expected "(" after the function name ${name}`, start + name.length);
    }
    const constant = Object.keys(EXPRESSION_CONSTANTS).find((c) => c.toLowerCase() === name.toLowerCase());
    const hint = constant === undefined ? '' : `; did you mean ${constant}?`;
    throw this.#fail(
      `Unknown name "${name}": expected a function call, [attribute] or "string"${hint}`,
      start,
    );
  }

  #parseCall(name: string, start: number, top: boolean, depth: number): CallNode {
    if (!isFunctionName(name)) {
      const suggestion = suggestFunctionName(name);
      const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}? (names are case-sensitive)`;
      throw this.#fail(`Unknown function "${name}"${hint}`, start);
    }
    if (name === 'SelectUniqueValue' && !top) {
      throw this.#fail('SelectUniqueValue must be the whole expression; it cannot be nested', start);
    }
    if (depth >= EXPRESSION_MAX_DEPTH) {
      throw this.#fail(`Expected calls nested at most ${EXPRESSION_MAX_DEPTH} deep`, start);
    }
    this.#take(); // "("
    const args: ExpressionNode[] = [];
    if (this.#peek().kind === 'rightParen') {
      this.#take();
    } else {
      for (;;) {
        const next = this.#peek();
        if (next.kind === 'comma' || next.kind === 'rightParen') args.push(EMPTY_NODE);
        else
          args.push(
            this.#parseArgument(args.length === 0 && CONDITION_FUNCTIONS.has(name), false, depth + 1),
          );
        const separator = this.#take();
        if (separator.kind === 'rightParen') break;
        if (separator.kind === 'end') throw this.#fail('Expected ")"', separator.start);
        if (separator.kind !== 'comma') {
          throw this.#fail(
            `Expected "," or ")" but found ${describeAt(this.#text, separator.start)}`,
            separator.start,
          );
        }
      }
    }
    const countProblem = checkArgumentCount(name, args.length);
    if (countProblem !== undefined) throw this.#fail(countProblem, start);
    if (name === 'Replace') {
      const replaceProblem = checkReplaceArguments(args);
      if (replaceProblem !== undefined) throw this.#fail(replaceProblem, start);
    }
    return Object.freeze({ kind: 'call', name, args: Object.freeze(args) });
  }
}
