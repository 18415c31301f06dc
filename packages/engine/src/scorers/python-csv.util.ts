/**
 * CPython's `csv.reader(io.StringIO(text), delimiter=…)` with the default excel dialect (Modules/_csv.c
 * `parse_process_char`, `Reader_iternext`): the rows as lists of fields. `io.StringIO` hands the reader lines split
 * after each `\n` only, so a `\r` inside a line ends the record there, and text after it raises csv.Error as upstream.
 */
const FIELD_LIMIT = 131072;

type State = 'START_RECORD' | 'START_FIELD' | 'IN_FIELD' | 'IN_QUOTED_FIELD' | 'QUOTE_IN_QUOTED_FIELD' | 'EAT_CRNL';

/** Python's `csv.Error`. */
export class PyCsvError extends Error {}

export function pyCsvRows(text: string, delimiter = ','): string[][] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const rows: string[][] = [];
  let state: State = 'START_RECORD';
  let fields: string[] = [];
  let field = '';
  let fieldLen = 0;
  const EOL = null;
  const save = () => {
    fields.push(field);
    field = '';
    fieldLen = 0;
  };
  const add = (char: string) => {
    if (fieldLen >= FIELD_LIMIT) throw new PyCsvError(`field larger than field limit (${FIELD_LIMIT})`);
    field += char;
    fieldLen += 1;
  };
  const lineBreak = (c: string | null) => c === '\n' || c === '\r';
  const step = (c: string | null): void => {
    switch (state) {
      case 'START_RECORD':
        if (c === EOL) return; // an empty line is the row []
        if (lineBreak(c)) {
          state = 'EAT_CRNL';
          return;
        }
        // a normal character is handled as the start of a field
        state = 'START_FIELD';
        step(c);
        return;
      case 'START_FIELD':
        if (lineBreak(c) || c === EOL) {
          save();
          state = c === EOL ? 'START_RECORD' : 'EAT_CRNL';
        } else if (c === '"') state = 'IN_QUOTED_FIELD';
        else if (c === delimiter) save();
        else {
          add(c as string);
          state = 'IN_FIELD';
        }
        return;
      case 'IN_FIELD':
        if (lineBreak(c) || c === EOL) {
          save();
          state = c === EOL ? 'START_RECORD' : 'EAT_CRNL';
        } else if (c === delimiter) {
          save();
          state = 'START_FIELD';
        } else add(c as string);
        return;
      case 'IN_QUOTED_FIELD':
        if (c === EOL) return;
        if (c === '"') state = 'QUOTE_IN_QUOTED_FIELD';
        else add(c);
        return;
      case 'QUOTE_IN_QUOTED_FIELD':
        if (c === '"') {
          add(c);
          state = 'IN_QUOTED_FIELD';
        } else if (c === delimiter) {
          save();
          state = 'START_FIELD';
        } else if (lineBreak(c) || c === EOL) {
          save();
          state = c === EOL ? 'START_RECORD' : 'EAT_CRNL';
        } else {
          // not strict: the character after a closing quote continues the field unquoted
          add(c as string);
          state = 'IN_FIELD';
        }
        return;
      case 'EAT_CRNL':
        if (lineBreak(c)) return;
        if (c === EOL) {
          state = 'START_RECORD';
          return;
        }
        throw new PyCsvError("new-line character seen in unquoted field - do you need to open the file with newline=''?");
    }
  };
  let lineIndex = 0;
  for (;;) {
    // Reader_iternext: one row, reading lines until the parser is back at the start of a record.
    fields = [];
    field = '';
    fieldLen = 0;
    state = 'START_RECORD';
    let ended = false;
    do {
      if (lineIndex >= lines.length) {
        if (fieldLen !== 0 || (state as State) === 'IN_QUOTED_FIELD') {
          save();
          rows.push(fields);
        }
        ended = true;
        break;
      }
      for (const char of lines[lineIndex]) step(char);
      lineIndex += 1;
      step(EOL);
    } while (state !== 'START_RECORD');
    if (ended) return rows;
    rows.push(fields);
  }
}
