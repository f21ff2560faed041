import type { ExpressionNode } from './expression-ast.js';

const call = (name: string, ...args: ExpressionNode[]): ExpressionNode => ({ kind: 'call', name, args });
const attr = (name: string): ExpressionNode => ({ kind: 'attribute', name });
const str = (value: string): ExpressionNode => ({ kind: 'string', value });
const num = (value: number, radix: 10 | 16 = 10): ExpressionNode => ({ kind: 'number', value, radix });
const empty: ExpressionNode = { kind: 'empty' };

export interface ParseCase {
  readonly text: string;
  readonly root: ExpressionNode;
  /** The canonical print, when it differs from `text`. */
  readonly printed?: string;
}

export const PARSE_CASES: readonly ParseCase[] = [
  { text: '[mail]', root: attr('mail') },
  { text: '"United States"', root: str('United States') },
  { text: '"Company name: \\"Contoso\\""', root: str('Company name: "Contoso"') },
  { text: '"C:\\\\temp"', root: str('C:\\temp') },
  {
    text: '[urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employee-id_2]',
    root: attr('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employee-id_2'),
  },
  { text: 'Guid()', root: call('Guid') },
  { text: '  Now ( )  ', root: call('Now'), printed: 'Now()' },
  {
    text: 'BitAnd(&HF, &hf7)',
    root: call('BitAnd', num(15, 16), num(247, 16)),
    printed: 'BitAnd(&HF, &HF7)',
  },
  { text: 'DateAdd("d", -10, [d])', root: call('DateAdd', str('d'), num(-10), attr('d')) },
  {
    text: 'Replace([mail], "@contoso.com", , ,"", ,)',
    root: call('Replace', attr('mail'), str('@contoso.com'), empty, empty, str(''), empty, empty),
    printed: 'Replace([mail], "@contoso.com", , , "", , )',
  },
  {
    text: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
    root: call('Switch', attr('IsSoftDeleted'), empty, str('False'), str('True'), str('True'), str('False')),
  },
  {
    text: 'IIF([country]="USA",[country],[department])',
    root: call(
      'IIF',
      { kind: 'comparison', operator: '=', left: attr('country'), right: str('USA') },
      attr('country'),
      attr('department'),
    ),
    printed: 'IIF([country] = "USA", [country], [department])',
  },
  {
    text: 'CBool([a]<>[b])',
    root: call('CBool', { kind: 'comparison', operator: '<>', left: attr('a'), right: attr('b') }),
    printed: 'CBool([a] <> [b])',
  },
  ...(['>', '>=', '<', '<='] as const).map((operator): ParseCase => ({
    text: `IIF(Count([a]) ${operator} 2, "x", "y")`,
    root: call(
      'IIF',
      { kind: 'comparison', operator, left: call('Count', attr('a')), right: num(2) },
      str('x'),
      str('y'),
    ),
  })),
  {
    text: 'InStr("repEated","e",3,vbBinaryCompare)',
    root: call('InStr', str('repEated'), str('e'), num(3), { kind: 'constant', name: 'vbBinaryCompare' }),
    printed: 'InStr("repEated", "e", 3, vbBinaryCompare)',
  },
  { text: 'Append(,)', root: call('Append', empty, empty), printed: 'Append(, )' },
  {
    text: 'Join("", 1000, [id])',
    root: call('Join', str(''), num(1000), attr('id')),
  },
  {
    text: 'DateFromNum(129699324000000000)',
    root: call('DateFromNum', num(129699324000000000)),
  },
];

export interface InvalidCase {
  readonly text: string;
  /** 0-based offset of the fault. */
  readonly position: number;
  readonly message: RegExp;
}

export const INVALID_CASES: readonly InvalidCase[] = [
  { text: '', position: 0, message: /^Expected an expression at column 1$/ },
  { text: '   ', position: 3, message: /^Expected an expression at column 4$/ },
  { text: 'Append([a], "b"', position: 15, message: /^Expected "\)" at column 16$/ },
  { text: 'Append([a] "b")', position: 11, message: /^Expected "," or "\)" but found "\\"" at column 12$/ },
  {
    text: 'Append([a], "b"))',
    position: 16,
    message: /Expected the end of the expression but found "\)" at column 17/,
  },
  { text: 'append([a], "b")', position: 0, message: /Unknown function "append"; did you mean Append\?/ },
  { text: 'IsNullorEmpty([a])', position: 0, message: /did you mean IsNullOrEmpty\?/ },
  { text: 'Frobnicate([a])', position: 0, message: /^Unknown function "Frobnicate" at column 1$/ },
  { text: 'Join(",", Frob())', position: 10, message: /Unknown function "Frob" at column 11/ },
  { text: 'Append([a])', position: 0, message: /^Append expects 2 arguments but got 1 at column 1$/ },
  { text: 'ToLower([a], "en-US", "x")', position: 0, message: /ToLower expects 1 to 2 arguments but got 3/ },
  { text: 'Join(",")', position: 0, message: /Join expects at least 2 arguments but got 1/ },
  {
    text: 'Switch([a], "d", "k")',
    position: 0,
    message: /Switch expects an even number of arguments \(at least 4\) but got 3/,
  },
  { text: 'Guid(1)', position: 0, message: /Guid expects 0 arguments but got 1/ },
  {
    text: 'Join(",", SelectUniqueValue([a], [b]))',
    position: 10,
    message: /SelectUniqueValue must be the whole expression/,
  },
  {
    text: 'Append([a] = [b], "x")',
    position: 11,
    message: /Comparison "=" is only allowed in the condition of IIF or CBool/,
  },
  { text: 'IIF("x", [a] = [b], "y")', position: 13, message: /Comparison "="/ },
  { text: '[a] = [b]', position: 4, message: /Comparison "="/ },
  { text: 'IIF([a] = [b] = [c], 1, 2)', position: 14, message: /Expected "," or "\)" but found "="/ },
  { text: 'Append([], "x")', position: 8, message: /Expected an attribute name after "\["/ },
  { text: 'Append([a b], "x")', position: 9, message: /Expected "\]"/ },
  {
    text: 'Append([a], "x)',
    position: 15,
    message: /Expected '"' to close the string that starts at column 13 at column 16/,
  },
  { text: 'Append([a], "\\d")', position: 14, message: /after a backslash/ },
  { text: "Append([a], 'x')", position: 12, message: /Unexpected character "'"/ },
  { text: 'Append([a], 12ab)', position: 14, message: /Expected a digit/ },
  { text: 'BitAnd(&H, 1)', position: 9, message: /Expected a hexadecimal digit/ },
  { text: 'Append', position: 6, message: /Expected "\(" after the function name Append/ },
  { text: 'InStr("a", "b", 1, vbtextcompare)', position: 19, message: /did you mean vbTextCompare\?/ },
  { text: 'Replace([a], "x", , , , , )', position: 0, message: /Replace needs exactly one of these sets/ },
  { text: 'Replace([a], "x", "y", , "z", , )', position: 0, message: /Replace needs exactly one/ },
  { text: 'Replace(, "x", , , "z", , )', position: 0, message: /Replace needs a source/ },
  {
    text: `"${'x'.repeat(10_000)}"`,
    position: 10_000,
    message: /Expected at most 10000 characters but the expression has 10002/,
  },
  {
    text: `${'Coalesce('.repeat(101)}[a]${')'.repeat(101)}`,
    position: 900,
    message: /nested at most 100 deep/,
  },
];
