import { IGNORE_FLOW, type EvaluationContext, type EvaluationResult } from './evaluation-context.js';
import type { ExpressionValue } from './value-conversion.js';

export type Attributes = Readonly<Record<string, ExpressionValue>>;

export interface FunctionCase {
  /** Where the example comes from: the reference's section, or "derived" for our own. */
  readonly source: string;
  readonly expression: string;
  readonly attributes?: Attributes;
  /** The clock, when the example depends on Now(). */
  readonly now?: string;
  readonly expected: EvaluationResult;
  /** Why the expected value is not the documented one, where they differ. */
  readonly note?: string;
}

export interface FunctionErrorCase {
  readonly expression: string;
  readonly attributes?: Attributes;
  readonly functionName: string;
  readonly message: RegExp;
}

export const DEFAULT_NOW = '2024-05-06T07:08:09.000Z';
export const SAMPLE_GUID = '00aa00aa-bb11-cc22-dd33-44ee44ee44ee';

/** A context over a plain attribute record, a fixed clock, a fixed GUID and a seeded random. */
export function createTestContext(
  attributes: Attributes = {},
  now = DEFAULT_NOW,
  seed = 1,
): EvaluationContext {
  let state = seed >>> 0 || 1;
  return {
    attribute: (name) => (Object.hasOwn(attributes, name) ? attributes[name] : undefined),
    now: () => new Date(now),
    // xorshift32: deterministic, good enough to exercise RandomString.
    random: () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    },
    newGuid: () => SAMPLE_GUID,
  };
}

const HIRE = { StatusHireDate: '2012-03-16-07:00' };
/** The "Now" of the reference's DateDiff table: 8/25/2021 5:41:18 PM. */
const DATE_DIFF_NOW = '2021-08-25T17:41:18Z';
const STREET = '545 Tremont Street';

/**
 * Every example of Microsoft's "Reference for writing expressions for attribute mappings in
 * Microsoft Entra ID", with its documented result, plus derived cases for behaviour the
 * reference states in words.
 */
export const FUNCTION_CASES: readonly FunctionCase[] = [
  // Append
  {
    source: 'Append',
    expression: 'Append([userPrincipalName], ".test")',
    attributes: { userPrincipalName: 'John.Doe@contoso.com' },
    expected: 'John.Doe@contoso.com.test',
  },
  { source: 'derived', expression: 'Append([missing], ".test")', expected: null },
  // AppRoleAssignmentsComplex, SingleAppRoleAssignment
  {
    source: 'AppRoleAssignmentsComplex',
    expression: 'AppRoleAssignmentsComplex([appRoleAssignments])',
    attributes: {
      appRoleAssignments: [
        { id: 'r1', value: 'Admin', displayName: 'Administrator' },
        { value: 'User', displayName: 'User' },
      ],
    },
    expected: [
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Administrator', value: 'Admin' },
      { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'User', value: 'User' },
    ],
  },
  {
    source: 'SingleAppRoleAssignment',
    expression: 'SingleAppRoleAssignment([appRoleAssignments])',
    attributes: { appRoleAssignments: [{ id: 'r1', value: 'Admin', displayName: 'Administrator' }] },
    expected: 'Admin',
  },
  { source: 'derived', expression: 'SingleAppRoleAssignment([appRoleAssignments])', expected: null },
  // BitAnd
  { source: 'BitAnd', expression: 'BitAnd(&HF, &HF7)', expected: 7 },
  // CBool
  {
    source: 'CBool',
    expression: 'CBool([attribute1] = [attribute2])',
    attributes: { attribute1: 'x', attribute2: 'x' },
    expected: true,
  },
  {
    source: 'CBool',
    expression: 'CBool([attribute1] = [attribute2])',
    attributes: { attribute1: 'x', attribute2: 'y' },
    expected: false,
  },
  { source: 'derived', expression: 'CBool(0)', expected: false },
  { source: 'derived', expression: 'CBool(-3)', expected: true },
  // CDate
  {
    source: 'CDate 1',
    expression: 'CDate([StatusHireDate])',
    attributes: { StatusHireDate: '2020-03-16-07:00' },
    expected: '3/16/2020 7:00:00 AM',
  },
  { source: 'CDate 2', expression: 'CDate("2021-06-30+08:00")', expected: '6/29/2021 4:00:00 PM' },
  { source: 'CDate 3', expression: 'CDate("2009-06-15T01:45:30-07:00")', expected: '6/15/2009 8:45:30 AM' },
  { source: 'derived', expression: 'CDate("2024-02-29T12:00:00Z")', expected: '2/29/2024 12:00:00 PM' },
  // Coalesce
  {
    source: 'Coalesce',
    expression: 'Coalesce([mail],[userPrincipalName])',
    attributes: { userPrincipalName: 'John.Doe@contoso.com' },
    expected: 'John.Doe@contoso.com',
  },
  { source: 'derived', expression: 'Coalesce([mail], [upn], "")', attributes: { mail: '' }, expected: '' },
  // ConvertToBase64, ConvertToUTF8Hex
  {
    source: 'ConvertToBase64',
    expression: 'ConvertToBase64("Hello world!")',
    expected: 'SABlAGwAbABvACAAdwBvAHIAbABkACEA',
  },
  {
    source: 'ConvertToUTF8Hex',
    expression: 'ConvertToUTF8Hex("Hello world!")',
    expected: '48656C6C6F20776F726C6421',
  },
  // Count, CStr
  {
    source: 'derived',
    expression: 'Count([proxyAddresses])',
    attributes: { proxyAddresses: ['a', 'b', 'c'] },
    expected: 3,
  },
  { source: 'derived', expression: 'Count([proxyAddresses])', expected: 0 },
  {
    source: 'CStr',
    expression: 'CStr([dn])',
    attributes: { dn: 'cn=Joe,dc=contoso,dc=com' },
    expected: 'cn=Joe,dc=contoso,dc=com',
  },
  { source: 'derived', expression: 'CStr(IsNull([x]))', expected: 'True' },
  // DateAdd (example 1 table)
  {
    source: 'DateAdd: add 7 days',
    expression: 'DateAdd("d", 7, CDate([StatusHireDate]))',
    attributes: HIRE,
    expected: '3/23/2012 7:00:00 AM',
  },
  {
    source: 'DateAdd: ten days before',
    expression: 'DateAdd("d", -10, CDate([StatusHireDate]))',
    attributes: HIRE,
    expected: '3/6/2012 7:00:00 AM',
  },
  {
    source: 'DateAdd: two weeks',
    expression: 'DateAdd("ww", 2, CDate([StatusHireDate]))',
    attributes: HIRE,
    expected: '3/30/2012 7:00:00 AM',
  },
  {
    source: 'DateAdd: ten months',
    expression: 'DateAdd("m", 10, CDate([StatusHireDate]))',
    attributes: HIRE,
    expected: '1/16/2013 7:00:00 AM',
  },
  {
    source: 'DateAdd: two years',
    expression: 'DateAdd("yyyy", 2, CDate([StatusHireDate]))',
    attributes: HIRE,
    expected: '3/16/2014 7:00:00 AM',
  },
  { source: 'derived', expression: 'DateAdd("m", 1, "2024-01-31")', expected: '2/29/2024 12:00:00 AM' },
  // DateDiff (example 1 table)
  {
    source: 'DateDiff: positive days',
    expression: 'DateDiff("d", CDate("2021-08-18+08:00"), CDate("2021-08-31+08:00"))',
    expected: 13,
  },
  {
    source: 'DateDiff: negative days',
    expression: 'DateDiff("d", Now(), CDate([StatusHireDate]))',
    attributes: HIRE,
    now: DATE_DIFF_NOW,
    expected: -3449,
  },
  {
    source: 'DateDiff: weeks',
    expression: 'DateDiff("ww", Now(), CDate([StatusHireDate]))',
    attributes: HIRE,
    now: DATE_DIFF_NOW,
    expected: -493,
  },
  {
    source: 'DateDiff: months',
    expression: 'DateDiff("m", Now(), CDate([StatusHireDate]))',
    attributes: HIRE,
    now: DATE_DIFF_NOW,
    expected: -113,
  },
  {
    source: 'DateDiff: years',
    expression: 'DateDiff("yyyy", Now(), CDate([StatusHireDate]))',
    attributes: HIRE,
    now: DATE_DIFF_NOW,
    expected: -9,
  },
  {
    source: 'DateDiff: same dates',
    expression: 'DateDiff("d", CDate("2021-08-31+08:00"), CDate("2021-08-31+08:00"))',
    expected: 0,
  },
  {
    source: 'DateDiff: hours',
    expression: 'DateDiff("h", CDate("2021-08-24"), CDate("2021-08-25"))',
    expected: 24,
  },
  {
    source: 'DateDiff: minutes',
    expression: 'DateDiff("n", CDate("2021-08-24"), CDate("2021-08-25"))',
    expected: 1440,
  },
  {
    source: 'DateDiff: seconds',
    expression: 'DateDiff("s", CDate("2021-08-24"), CDate("2021-08-25"))',
    expected: 86400,
  },
  // DateDiff example 2 (no documented output: hire within five days enables the account)
  ...(
    [
      ['1', '2021-08-28', 'True'],
      ['1', '2021-09-10', 'False'],
      ['0', '2021-08-28', 'False'],
    ] as const
  ).map(([active, hire, expected]): FunctionCase => ({
    source: 'DateDiff example 2',
    expression:
      'Switch([Active], , \n  "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), \n  "0", "False")',
    attributes: { Active: active, StatusHireDate: hire },
    now: DATE_DIFF_NOW,
    expected,
  })),
  // DateFromNum, NumFromDate
  { source: 'DateFromNum', expression: 'DateFromNum(129699324000000000)', expected: '2012-01-01T23:00:00Z' },
  {
    source: 'DateFromNum',
    expression: 'DateFromNum([lastLogonTimestamp])',
    attributes: { lastLogonTimestamp: '129699324000000000' },
    expected: '2012-01-01T23:00:00Z',
  },
  { source: 'derived', expression: 'NumFromDate("2012-01-01T23:00:00Z")', expected: 129699324000000000 },
  {
    source: 'NumFromDate: Workday (2021-01-01T07:59:59Z)',
    expression:
      'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00"))',
    attributes: { ContractEndDate: '2020-12-31-08:00' },
    expected: 132539615990000000,
  },
  {
    source: 'NumFromDate: SuccessFactors (2021-01-01T07:59:59Z)',
    expression:
      'NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-08:00"))',
    attributes: { endDate: '12/31/2020 10:00:00 AM' },
    expected: 132539615990000000,
  },
  // FormatDateTime
  {
    source: 'FormatDateTime',
    expression: 'FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")',
    attributes: { extensionAttribute1: '20150123105347.1Z' },
    expected: '2015-01-23',
  },
  {
    source: 'derived',
    expression: 'FormatDateTime([d], , "yyyyMMddHHmmss.fZ", "dddd, MMMM d, yyyy \'at\' h:mm:ss.fff tt K")',
    attributes: { d: '20150123135347.1Z' },
    expected: 'Friday, January 23, 2015 at 1:53:47.100 PM Z',
  },
  {
    source: 'derived',
    expression: 'FormatDateTime([d], "AssumeUniversal", "dd/MM/yy HH:mm", "yyyy-MM-ddTHH:mm:ss.FFFzzz")',
    attributes: { d: '05/11/49 23:07' },
    expected: '2049-11-05T23:07:00+00:00',
  },
  // Guid, Now
  { source: 'Guid', expression: 'Guid()', expected: SAMPLE_GUID },
  { source: 'Now', expression: 'Now()', now: '2021-07-02T15:33:38Z', expected: '7/2/2021 3:33:38 PM' },
  // IgnoreFlowIfNullOrEmpty
  {
    source: 'IgnoreFlowIfNullOrEmpty 1',
    expression: 'IgnoreFlowIfNullOrEmpty([department])',
    expected: IGNORE_FLOW,
  },
  {
    source: 'IgnoreFlowIfNullOrEmpty 1',
    expression: 'IgnoreFlowIfNullOrEmpty([department])',
    attributes: { department: 'Sales' },
    expected: 'Sales',
  },
  ...(
    [
      ['3444', 'Prof.'],
      ['9999', IGNORE_FLOW],
    ] as const
  ).map(([prefix, expected]): FunctionCase => ({
    source: 'IgnoreFlowIfNullOrEmpty 2',
    expression:
      'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))',
    attributes: { prefix },
    expected,
  })),
  { source: 'derived', expression: 'Join(",", "a", IgnoreFlowIfNullOrEmpty([x]))', expected: IGNORE_FLOW },
  // IIF
  {
    source: 'IIF',
    expression: 'IIF([country]="USA",[country],[department])',
    attributes: { country: 'USA', department: 'Sales' },
    expected: 'USA',
  },
  {
    source: 'IIF',
    expression: 'IIF([country]="USA",[country],[department])',
    attributes: { country: 'NZ', department: 'Sales' },
    expected: 'Sales',
  },
  ...(
    [
      ['USA', 'CA', 'True', 'True'],
      ['USA', 'WA', 'False', 'True'],
      ['NZ', 'CA', 'False', 'True'],
      ['NZ', 'WA', 'False', 'False'],
    ] as const
  ).flatMap(([country, state, and, or]): FunctionCase[] => [
    {
      source: 'IIF: AND by nesting',
      expression: 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")',
      attributes: { country, state },
      expected: and,
    },
    {
      source: 'IIF: OR by nesting',
      expression: 'IIF([country]="USA","True",IIF([state]="CA","True","False"))',
      attributes: { country, state },
      expected: or,
    },
  ]),
  {
    source: 'IIF: unsupported, a null attribute fails the condition',
    expression: 'IIF([country]="","Other",[country])',
    expected: null,
  },
  {
    source: 'IIF: recommended workaround',
    expression: 'Switch([country],[country],"","Other")',
    expected: 'Other',
  },
  {
    source: 'IIF: recommended workaround',
    expression: 'Switch([country],[country],"","Other")',
    attributes: { country: 'NZ' },
    expected: 'NZ',
  },
  {
    source: 'derived',
    expression: 'IIF(DateDiff("d", "2021-01-01", "2021-01-10") >= 9, "yes", "no")',
    expected: 'yes',
  },
  {
    source: 'derived',
    expression: 'IIF([n] < 10, "small", "big")',
    attributes: { n: '9' },
    expected: 'small',
  },
  {
    source: 'derived',
    expression: 'IIF([a] <> [b], "differ", "same")',
    attributes: { a: 'x', b: 'X' },
    expected: 'differ',
  },
  // InStr
  { source: 'InStr', expression: 'InStr("The quick brown fox","quick")', expected: 5 },
  { source: 'InStr', expression: 'InStr("repEated","e",3,vbBinaryCompare)', expected: 7 },
  { source: 'derived', expression: 'InStr("repEated","e",3,vbTextCompare)', expected: 4 },
  { source: 'derived', expression: 'InStr("abc","z")', expected: 0 },
  // IsNull, IsNullOrEmpty, IsPresent, IsString
  { source: 'IsNull', expression: 'IsNull([displayName])', expected: true },
  { source: 'IsNull', expression: 'IsNull([displayName])', attributes: { displayName: '' }, expected: false },
  { source: 'IsNullOrEmpty', expression: 'IsNullOrEmpty([displayName])', expected: true },
  {
    source: 'IsNullOrEmpty',
    expression: 'IsNullOrEmpty([displayName])',
    attributes: { displayName: '' },
    expected: true,
  },
  {
    source: 'derived',
    expression: 'IsPresent([displayName])',
    attributes: { displayName: 'x' },
    expected: true,
  },
  {
    source: 'IsPresent',
    expression:
      'Switch(IsPresent([directManager]),[directManager], IsPresent([skiplevelManager]),[skiplevelManager], IsPresent([director]),[director])',
    attributes: { directManager: 'm1', skiplevelManager: 'm2' },
    expected: 'm2',
  },
  {
    source: 'derived',
    expression: 'IsString([displayName])',
    attributes: { displayName: 'x' },
    expected: true,
  },
  { source: 'derived', expression: 'IsString(Count([displayName]))', expected: false },
  // Item
  {
    source: 'Item',
    expression: 'Item([proxyAddresses], 1)',
    attributes: { proxyAddresses: ['SMTP:a@contoso.com', 'smtp:b@contoso.com'] },
    expected: 'SMTP:a@contoso.com',
  },
  // Join
  {
    source: 'Examples: comma between last and first name',
    expression: 'Join(", ", "", [surname], [givenName])',
    attributes: { givenName: 'John', surname: 'Doe' },
    expected: 'Doe, John',
  },
  {
    source: 'Join (multi-valued)',
    expression: 'Join(";", [groups], "x")',
    attributes: { groups: ['a', 'b'] },
    expected: 'a;b;x',
  },
  // Left, Mid
  { source: 'Left', expression: 'Left("John Doe", 3)', expected: 'Joh' },
  { source: 'Left', expression: 'Left("John Doe", -1)', expected: 'John Doe' },
  { source: 'Left', expression: 'Left([missing], 2)', expected: '' },
  {
    source: 'Examples: user alias',
    expression: 'Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))',
    attributes: { givenName: 'John', surname: 'Doe' },
    expected: 'JohDoe',
  },
  // NormalizeDiacritics
  {
    source: 'NormalizeDiacritics',
    expression: 'NormalizeDiacritics([givenName])',
    attributes: { givenName: 'Zoë' },
    expected: 'Zoe',
  },
  {
    source: 'NormalizeDiacritics table',
    expression: 'NormalizeDiacritics("æǣÆØøœ̄ßłŁıİÅĄçĎĞñŐŘŠȚŮŸŹ ā́ e̊̄ Ṳ̄")',
    expected: 'aeaeAEOEoeoesslLiIAAcDGnORSTUYZ a e U',
  },
  // Not
  { source: 'Not', expression: 'Not("True")', expected: false },
  { source: 'Not', expression: 'Not("False")', expected: true },
  {
    source: 'derived',
    expression: 'CStr(Not([IsSoftDeleted]))',
    attributes: { IsSoftDeleted: true },
    expected: 'False',
  },
  // PCase
  {
    source: 'PCase',
    expression: 'PCase([firstName])',
    attributes: { firstName: 'PABLO GONSALVES (SECOND)' },
    expected: 'Pablo Gonsalves (Second)',
  },
  {
    source: 'PCase',
    expression: 'PCase([lastName]," \'-")',
    attributes: { lastName: "PINTO-DE'SILVA" },
    expected: "Pinto-De'Silva",
  },
  {
    source: 'PCase',
    expression: 'PCase(Join(" ",[firstName],[lastName]))',
    attributes: { firstName: 'GREGORY', lastName: 'JAMES' },
    expected: 'Gregory James',
  },
  { source: 'derived', expression: 'PCase("O\'NEIL-SMITH")', expected: "O'neil-Smith" },
  // Redact
  {
    source: 'Redact 1',
    expression: 'Redact([userPrincipalName])',
    attributes: { userPrincipalName: 'a@contoso.com' },
    expected: 'a@contoso.com',
  },
  { source: 'Redact 2', expression: 'Redact("StringToBeRedacted")', expected: 'StringToBeRedacted' },
  // RemoveDuplicates
  {
    source: 'RemoveDuplicates',
    expression: 'RemoveDuplicates([proxyAddresses])',
    attributes: { proxyAddresses: ['smtp:a', 'smtp:b', 'smtp:a'] },
    expected: ['smtp:a', 'smtp:b'],
  },
  // Replace
  {
    source: 'Replace 1',
    expression: 'Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )',
    attributes: { BusinessTitle: 'Product Developer' },
    expected: 'Software Engineer',
  },
  {
    source: 'Replace 2',
    expression: 'Replace([UserID],"<username>", , , , , "<username>@contoso.com")',
    attributes: { UserID: 'jsmith' },
    expected: 'jsmith@contoso.com',
  },
  {
    source: 'Replace 3',
    expression:
      'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )',
    attributes: { telephoneNumber: '+91 9998887777' },
    expected: '9998887777',
  },
  {
    source: 'Replace 3 (collapse)',
    expression: 'Replace([mobile], , "[()\\\\s-]+", , "", , )',
    attributes: { mobile: '+1 (999) 888-7777' },
    expected: '+19998887777',
    note:
      'The reference shows 19998887777, but its pattern [()\\s-]+ does not match "+", so .NET ' +
      '(and every regex engine) keeps it.',
  },
  {
    source: 'Replace 4',
    expression: 'Replace([AddressLineData], ,"(?<streetNumber>^\\\\d*)","streetNumber", "888", , )',
    attributes: { AddressLineData: STREET },
    expected: '888 Tremont Street',
  },
  {
    source: 'Replace 4',
    expression: 'Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )',
    attributes: { userPrincipalName: 'jsmith@contoso.com' },
    expected: 'jsmith',
  },
  {
    source: 'Replace 5',
    expression:
      'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )',
    attributes: { telephoneNumber: '', mobile: '+91 8887779999' },
    expected: '8887779999',
  },
  {
    source: 'Replace 5 (source has a value)',
    expression:
      'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )',
    attributes: { telephoneNumber: '+1 5550001111', mobile: '+91 8887779999' },
    expected: '+1 5550001111',
  },
  {
    source: 'Replace 6',
    expression: 'Replace([mailNickname], , "[a-zA-Z_]*", , "", , )',
    attributes: { mailNickname: 'john_doe72' },
    expected: '72',
  },
  {
    source: 'Examples: strip known domain name',
    expression: 'Replace([mail], "@contoso.com", , ,"", ,)',
    attributes: { mail: 'john.doe@contoso.com' },
    expected: 'john.doe',
  },
  {
    source: 'Examples: ID from object ID',
    expression: 'Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , ))',
    attributes: { objectId: 'd05e47b1-3909-445a-ba5e-ca60cbc0e4b4' },
    expected: '100064303565343762312333930392343435612626135652636136306362633065346234',
    note:
      'The reference shows this output next to the placeholder input 00aa00aa-…; the output is ' +
      'that of object ID d05e47b1-3909-445a-ba5e-ca60cbc0e4b4, used here.',
  },
  {
    source: 'Examples: ID from object ID (the placeholder input)',
    expression: 'Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , ))',
    attributes: { objectId: SAMPLE_GUID },
    expected: '100030306161303061612626231312636332322646433332343465653434656534346565',
  },
  { source: 'derived', expression: 'Replace("a-b", , "(\\\\w)-(\\\\w)", , "$2$$$1", , )', expected: 'b$a' },
  // SelectUniqueValue (evaluateExpression gives the first candidate; see evaluateCandidates)
  {
    source: 'SelectUniqueValue',
    expression:
      'SelectUniqueValue( \n Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"), \n Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"),\n Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com")\n )',
    attributes: { PreferredFirstName: 'John', PreferredLastName: 'Smith' },
    expected: 'John.Smith@contoso.com',
  },
  // Split, StripSpaces
  {
    source: 'Split',
    expression: 'Split([extensionAttribute5], ",")',
    attributes: { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' },
    expected: ['PermissionSetOne', 'PermissionSetTwo'],
  },
  { source: 'derived', expression: 'StripSpaces(" a b  c ")', expected: 'abc' },
  // Switch
  {
    source: 'Switch',
    expression:
      'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")',
    attributes: { state: 'QLD' },
    expected: 'Australia/Brisbane',
  },
  {
    source: 'Switch (default)',
    expression:
      'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")',
    attributes: { state: 'WA' },
    expected: 'Australia/Sydney',
  },
  {
    source: 'Switch note',
    expression: 'Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")',
    attributes: { statusFlag: 'TRUE' },
    expected: '1',
  },
  {
    source: 'Switch caution',
    expression: 'Switch([statusFlag], "Default Value", "true", "1", "", "0")',
    attributes: { statusFlag: '' },
    expected: '0',
  },
  {
    source: 'Switch caution',
    expression: 'Switch([companyName], "External", "Company A", "A", "Company B", "B")',
    attributes: { companyName: 'Company B' },
    expected: 'B',
  },
  {
    source: 'Switch caution (IIF form)',
    expression: 'IIF([companyName] = "Company A", "A", IIF([companyName] = "Company B", "B", "External"))',
    attributes: { companyName: 'Company C' },
    expected: 'External',
  },
  {
    source: 'active mapping',
    expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
    attributes: { IsSoftDeleted: false },
    expected: 'True',
  },
  {
    source: 'active mapping',
    expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
    attributes: { IsSoftDeleted: true },
    expected: 'False',
  },
  {
    source: 'active mapping',
    expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
    attributes: { IsSoftDeleted: 'True' },
    expected: 'False',
  },
  // ToLower, ToUpper
  {
    source: 'ToLower',
    expression:
      'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))',
    attributes: { PreferredFirstName: 'John', PreferredLastName: 'Smith' },
    expected: 'john.smith@contoso.com',
  },
  { source: 'derived', expression: 'ToUpper("istanbul")', expected: 'ISTANBUL' },
  { source: 'derived', expression: 'ToUpper("istanbul", "tr-TR")', expected: 'İSTANBUL' },
  // Word
  { source: 'Word', expression: 'Word("The quick brown fox",3," ")', expected: 'brown' },
  { source: 'Word', expression: 'Word("This,string!has&many separators",3,",!&#")', expected: 'has' },
  { source: 'Word', expression: 'Word("The quick",3," ")', expected: '' },
  { source: 'Word', expression: 'Word("The quick",0," ")', expected: '' },
];

export const FUNCTION_ERROR_CASES: readonly FunctionErrorCase[] = [
  { expression: 'CDate("not a date")', functionName: 'CDate', message: /is not a date/ },
  { expression: 'CDate("2021-02-29")', functionName: 'CDate', message: /is not a date/ },
  {
    expression: 'Item([p], 3)',
    attributes: { p: ['a', 'b'] },
    functionName: 'Item',
    message: /out of range/,
  },
  {
    expression: 'Item([p], 0)',
    attributes: { p: ['a', 'b'] },
    functionName: 'Item',
    message: /out of range/,
  },
  {
    expression: 'SingleAppRoleAssignment([r])',
    attributes: {
      r: [
        { value: 'a', displayName: 'A' },
        { value: 'b', displayName: 'B' },
      ],
    },
    functionName: 'SingleAppRoleAssignment',
    message: /2 app role assignments/,
  },
  { expression: 'CBool("maybe")', functionName: 'CBool', message: /expected a boolean/ },
  { expression: 'Mid("abc", 0, 1)', functionName: 'Mid', message: /start must be 1 or more/ },
  { expression: 'Left("abc", "x")', functionName: 'Left', message: /whole number/ },
  {
    expression: 'DateAdd("fortnight", 1, "2021-01-01")',
    functionName: 'DateAdd',
    message: /interval must be one of/,
  },
  {
    expression: 'FormatDateTime("2021", , "yyyy-MM", "yyyy")',
    functionName: 'FormatDateTime',
    message: /does not match/,
  },
  {
    expression: 'FormatDateTime("2021", "Sloppy", "yyyy", "yyyy")',
    functionName: 'FormatDateTime',
    message: /DateTimeStyles/,
  },
  {
    expression: 'FormatDateTime("2021", , "yyyy", "ffffffff")',
    functionName: 'FormatDateTime',
    message: /not a valid format/,
  },
  {
    expression: 'Replace("a", , "(", , "", , )',
    functionName: 'Replace',
    message: /not a valid regular expression/,
  },
  {
    expression: 'Replace("a", , "(?<x>a)", "y", "", , )',
    functionName: 'Replace',
    message: /no group named "y"/,
  },
  {
    expression: 'RandomString(300, 0, 0, 0, 0)',
    functionName: 'RandomString',
    message: /Length must be from 1 to 256/,
  },
  { expression: 'RandomString(3, 2, 2, 0, 0)', functionName: 'RandomString', message: /add up to 4/ },
  {
    expression: 'RandomString(3, 2, 0, 0, 0, "0123456789")',
    functionName: 'RandomString',
    message: /no character/,
  },
  { expression: 'ToUpper("a", "not a culture!")', functionName: 'ToUpper', message: /culture/ },
  {
    expression: 'Append([many], "x")',
    attributes: { many: ['a', 'b'] },
    functionName: 'Append',
    message: /single value/,
  },
  { expression: 'DateFromNum("yesterday")', functionName: 'DateFromNum', message: /AD timestamp/ },
];
