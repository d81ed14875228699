import { roleFromClaim, type SsoRoleMapping } from './sso-role';

const MAP: SsoRoleMapping[] = [
  { claimValue: 'poems-admins', role: 'admin' },
  { claimValue: 'poems-hematologists', role: 'hematologist' },
];

describe('roleFromClaim', () => {
  it('maps a string claim', () => {
    expect(roleFromClaim('poems-hematologists', MAP)).toEqual({
      role: 'hematologist',
      matched: 'poems-hematologists',
    });
  });

  it('takes the first pair of the map when several groups match, whatever their order in the claim', () => {
    expect(roleFromClaim(['poems-hematologists', 'other', 'poems-admins'], MAP)).toEqual({
      role: 'admin',
      matched: 'poems-admins',
    });
  });

  it('refuses an unmapped or absent claim, keeping what it carried', () => {
    expect(roleFromClaim(['staff', 'Poems-Admins'], MAP)).toEqual({ role: null, values: ['staff', 'Poems-Admins'] });
    expect(roleFromClaim(undefined, MAP)).toEqual({ role: null, values: [] });
    expect(roleFromClaim({ admin: true }, MAP)).toEqual({ role: null, values: [] });
  });
});
