import { startBanner } from './start-banner';

// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[\d+m/g, '');

describe('startBanner', () => {
  it('boxes the address and the demo sign-in line, each padded to the widest', () => {
    const banner = plain(
      startBanner(
        'http://localhost:3000',
        'Demo users: admin (password "demo-password")',
      ),
    );
    expect(banner.split('\n').filter((line) => line !== '')).toEqual([
      '┌──────────────────────────────────────────────┐',
      '│ POEMS workup tracker: http://localhost:3000  │',
      '│ Demo users: admin (password "demo-password") │',
      '└──────────────────────────────────────────────┘',
    ]);
  });

  it('shows only the address outside demo mode', () => {
    const banner = plain(startBanner('http://localhost:8080'));
    expect(banner).toContain('│ POEMS workup tracker: http://localhost:8080 │');
    expect(banner).not.toContain('Demo users');
  });
});
