import { describe, expect, it } from 'vitest';
import { CsvReader, detectDelimiter, JsonLinesReader, MAX_RECORD_CHARS, RecordSyntaxError } from './records.js';

function readCsv(chunks: string[], opts: { delimiter?: string } = {}) {
  const r = new CsvReader(opts);
  const out: [string[], number][] = [];
  for (const c of chunks) r.push(c, (f, l) => out.push([f, l]));
  r.end((f, l) => out.push([f, l]));
  return out;
}

function csvError(chunks: string[]): RecordSyntaxError {
  try {
    readCsv(chunks);
  } catch (err) {
    if (err instanceof RecordSyntaxError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('CsvReader', () => {
  it('reads records with their line numbers, LF or CRLF, BOM and blank lines', () => {
    expect(readCsv(['\uFEFFa,b\r\n1,2\r\n\r\n3,4'])).toEqual([
      [['a', 'b'], 1],
      [['1', '2'], 2],
      [['3', '4'], 4],
    ]);
  });

  it('gives the same records whatever the chunking', () => {
    const text = 'lot,value,note\nL1,32.01,"a, b"\nL2,32.02,"say ""hi"""\nL3,32.03,"two\nlines"\nL4,32.04,x\n';
    const whole = readCsv([text]);
    for (let size = 1; size < 12; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(readCsv(chunks)).toEqual(whole);
    }
    expect(whole).toEqual([
      [['lot', 'value', 'note'], 1],
      [['L1', '32.01', 'a, b'], 2],
      [['L2', '32.02', 'say "hi"'], 3],
      [['L3', '32.03', 'two\nlines'], 4],
      [['L4', '32.04', 'x'], 6],
    ]);
  });

  it('keeps empty fields and quoted empty fields', () => {
    expect(readCsv(['a,b,c\n,,\n"",x,""\n']).slice(1)).toEqual([
      [['', '', ''], 2],
      [['', 'x', ''], 3],
    ]);
  });

  it.each([
    ['a;b;c', ';'],
    ['a,b,c', ','],
    ['a\tb\tc', '\t'],
    ['"x;y",b,c', ','],
    ['single', ','],
  ])('detects the delimiter of %j', (header, d) => {
    expect(detectDelimiter(header)).toBe(d);
    expect(readCsv([`${header}\n`])[0]![0].length).toBe(header === 'single' ? 1 : 3);
  });

  it.each([
    [['a,b\n1,"2\n'], 2, 'unterminated quoted field'],
    [['a,b\n1,2"x"\n'], 2, 'quote inside an unquoted field'],
    [['a,b\n1,"2"x\n'], 2, 'text after a closing quote'],
    [['a,b\n1,"2""\n3,4\n'], 2, 'unterminated'],
  ] as const)('refuses %j at line %i', (chunks, line, reason) => {
    const err = csvError([...chunks]);
    expect(err.line).toBe(line);
    expect(err.reason).toContain(reason);
  });

  it('refuses a record that never ends instead of buffering the file', () => {
    const r = new CsvReader();
    r.push('a,b\n1,"', () => {});
    expect(() => r.push('x'.repeat(MAX_RECORD_CHARS), () => {})).toThrow(/unterminated quoted field/);
  });
});

describe('JsonLinesReader', () => {
  function read(chunks: string[]) {
    const r = new JsonLinesReader();
    const out: [unknown, number][] = [];
    for (const c of chunks) r.push(c, (v, l) => out.push([v, l]));
    r.end((v, l) => out.push([v, l]));
    return out;
  }
  it('reads one value per line, skipping blank lines, across chunks', () => {
    expect(read(['{"a":1}\n\n{"a"', ':2}\r\n{"a":3}'])).toEqual([
      [{ a: 1 }, 1],
      [{ a: 2 }, 3],
      [{ a: 3 }, 4],
    ]);
  });
  it('refuses a truncated line with its number', () => {
    expect(() => read(['{"a":1}\n{"a":'])).toThrow(/line 2: not a complete JSON value/);
  });
});
