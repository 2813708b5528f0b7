import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvLine, CsvSyntaxError, parseCsv } from '../../../main/engine/node/setup/csv.js';

const parse = (text: string) => [...parseCsv(text)];

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted commas, doubled quotes and line breaks inside fields, with the line each record starts on', () => {
    const records = parse('a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines\nhere",z\r\n3,,\r\n');
    assert.deepEqual(records, [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'two\r\nlines\nhere', 'z'] },
      { line: 6, fields: ['3', '', ''] },
    ]);
  });

  it('takes LF, CRLF and lone CR line ends, with or without a final one', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      assert.deepEqual(
        parse(`a,b${eol}1,2`).map((r) => r.fields),
        [
          ['a', 'b'],
          ['1', '2'],
        ],
      );
      assert.deepEqual(parse(`a,b${eol}1,2${eol}`).map((r) => r.line), [1, 2]);
    }
  });

  it('keeps blank lines as one empty field, and a trailing comma as an empty last field', () => {
    assert.deepEqual(parse('a\n\nb,\n').map((r) => r.fields), [['a'], [''], ['b', '']]);
    assert.deepEqual(parse('a,').map((r) => r.fields), [['a', '']]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    assert.deepEqual(parse('Gumti 5" gate,x').map((r) => r.fields), [['Gumti 5" gate', 'x']]);
  });

  it('refuses an unterminated quote, naming the line it opened on', () => {
    assert.throws(
      () => parse('a,b\n1,"never closed\n2,3\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && /never closed/.test(e.message),
    );
  });

  it('refuses text after a closing quote', () => {
    assert.throws(() => parse('"ab"c,d'), /after a closing quote/);
  });

  it('writes fields that read back identically', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', ' padded ', '', 'Knp@1a2b,"9'];
    const [record] = parse(csvLine(values));
    assert.deepEqual(record!.fields, values);
  });
});
