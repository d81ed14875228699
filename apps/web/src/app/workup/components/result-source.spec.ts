import { resultSourceText } from './checklist-item.component';

describe('where a result came from, in words', () => {
  it('names typed results, the interface and message, and inbox decisions', () => {
    expect(resultSourceText(null)).toBeNull();
    expect(resultSourceText({ kind: 'typed' })).toBe('Result typed in');
    expect(
      resultSourceText({
        kind: 'interface',
        interfaceId: 'i',
        interfaceName: 'CITYLAB',
        messageId: 'm',
        controlId: 'CL20250314000101',
      }),
    ).toBe(
      'Result from laboratory interface CITYLAB, message CL20250314000101',
    );
    expect(
      resultSourceText({
        kind: 'inbox',
        entryId: 'e',
        messageId: 'm',
        controlId: 'CL20250314000109',
        interfaceName: 'CITYLAB',
      }),
    ).toBe(
      'Result applied from the inbox (laboratory interface CITYLAB, message CL20250314000109)',
    );
  });
});
