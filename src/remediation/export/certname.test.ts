import { describe, expect, it } from 'vitest';
import { certnameOf, certnameProblem, validateCertname } from './certname.js';

describe('certnames', () => {
  it('accepts DNS names with underscores, in lower case', () => {
    for (const ok of ['web1', 'web-1.example.com', 'db_2.prod.example.org', 'a', '0', 'x'.repeat(253)]) expect(certnameProblem(ok), ok).toBeNull();
  });

  it('refuses what could leave nodes/ or is no certname, naming the certname and what was expected', () => {
    const cases: [string, RegExp][] = [
      ['', /may not be empty/],
      ['../etc/passwd', /may not contain "\/", "\\" or "\.\." \(it names a file\)/],
      ['..', /may not contain/],
      ['web1/../../x', /may not contain/],
      ['web1..example.com', /may not contain/],
      ['a\\b', /may not contain/],
      ['x'.repeat(254), /at most 253 characters, this one has 254/],
      ['Web1.Example.com', /certnames are lower case \("web1\.example\.com"\)/],
      ['web 1', /expected lower-case letters, digits, dots, dashes and underscores/],
      ['-web1', /starting and ending with a letter or digit/],
      ['web1.', /starting and ending/],
      ['.hidden', /starting and ending/],
      ['wéb1', /expected lower-case letters/],
      ['web1\n', /expected lower-case letters/],
      ['web:1', /expected lower-case letters/],
    ];
    for (const [text, problem] of cases) {
      expect(() => validateCertname(text), JSON.stringify(text)).toThrow(problem);
      expect(() => validateCertname(text)).toThrow(`certname ${JSON.stringify(text)}: `);
    }
    try {
      validateCertname('../x');
    } catch (err) {
      expect(err).toMatchObject({ code: 'unprocessable', status: 422, details: { field: 'certname', certname: '../x' } });
    }
  });

  it('gives a host the certname of its name in lower case, or none when that is not one', () => {
    expect(certnameOf('Web1.Example.COM')).toBe('web1.example.com');
    expect(certnameOf('db_1')).toBe('db_1');
    expect(certnameOf('my host')).toBeNull();
    expect(certnameOf('../x')).toBeNull();
    expect(certnameOf('\u212Aeb1')).toBeNull(); // the Kelvin sign, whose lower case is k
    expect('\u212Aeb1'.toLowerCase()).toBe('keb1');
  });
});
