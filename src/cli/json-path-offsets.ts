/**
 * The offset of every value in a JSON text by its path (`users.attributes[3].expression`), so a
 * problem found after parsing can still be reported as `file:line:column`. Assumes valid JSON
 * (call after `JSON.parse` succeeded).
 */
export function jsonPathOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    if (!offsets.has(path)) offsets.set(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      while (text[i] !== '}' && i < text.length) {
        ws();
        const key = string();
        ws();
        i++; // ':'
        value(path === '' ? key : `${path}.${key}`);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '[') {
      i++;
      let index = 0;
      ws();
      while (text[i] !== ']' && i < text.length) {
        value(`${path}[${index++}]`);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !',]} \t\r\n'.includes(text[i]!)) i++;
    }
  };
  value('');
  return offsets;
}

/** The offset of the longest known prefix of `path` (an issue may name a value that is absent). */
export function locatePath(offsets: ReadonlyMap<string, number>, path: string): number | undefined {
  let current = path;
  for (;;) {
    const found = offsets.get(current);
    if (found !== undefined) return found;
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    if (cut <= 0) return offsets.get('');
    current = current.slice(0, cut);
  }
}
