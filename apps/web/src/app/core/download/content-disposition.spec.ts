import {
  filenameFromContentDisposition,
  safeFilename,
} from './content-disposition';

describe('filenameFromContentDisposition', () => {
  it.each([
    [
      'attachment; filename="completion_2030-01-10_2030-01-15.csv"',
      'completion_2030-01-10_2030-01-15.csv',
    ],
    ['attachment; filename=report.pdf', 'report.pdf'],
    ['attachment; filename="say \\"hi\\".txt"', 'say _hi_.txt'],
    [
      `attachment; filename="Zoe.csv"; filename*=UTF-8''Zo%C3%AB%20%E2%82%AC.csv`,
      'Zoë €.csv',
    ],
    [`attachment; filename*=utf-8''plain.json`, 'plain.json'],
  ])('reads %s', (header, expected) => {
    expect(filenameFromContentDisposition(header)).toBe(expected);
  });

  it('falls back to the plain name when the extended one is malformed', () => {
    expect(
      filenameFromContentDisposition(
        `attachment; filename="ok.csv"; filename*=UTF-8''%E0%A4%A.csv`,
      ),
    ).toBe('ok.csv');
  });

  it.each([[null], [undefined], [''], ['inline'], ['attachment']])(
    'names no file for %p',
    (header) => {
      expect(filenameFromContentDisposition(header)).toBeNull();
    },
  );

  it('never lets a server choose a directory or a hidden file', () => {
    const name = filenameFromContentDisposition(
      'attachment; filename="../../etc/passwd"',
    );
    expect(name).not.toMatch(/[/\\]/);
    expect(name).not.toMatch(/^\./);
  });
});

describe('safeFilename', () => {
  it('replaces characters file systems refuse and drops leading dots', () => {
    expect(safeFilename('a:b*c?d|e<f>g\u0007h.csv')).toBe(
      'a_b_c_d_e_f_g_h.csv',
    );
    expect(safeFilename('..hidden')).toBe('hidden');
    expect(safeFilename(' ... ')).toBeNull();
  });
});
