import { frame, MllpFramer, type FrameEvent } from './mllp-framer';

const texts = (
  events: readonly FrameEvent[],
): (string | FrameEvent['kind'])[] =>
  events.map((e) => (e.kind === 'frame' ? e.bytes.toString('utf8') : e.kind));

describe('our MLLP framer (lab-interface reference §1.5, §7.1)', () => {
  it('reads one frame', () => {
    expect(texts(new MllpFramer().push(frame('MSH|A')))).toEqual(['MSH|A']);
  });

  it('reads two frames sent in one write as two messages, never one', () => {
    const framer = new MllpFramer();
    expect(
      texts(framer.push(Buffer.concat([frame('MSH|one'), frame('MSH|two')]))),
    ).toEqual(['MSH|one', 'MSH|two']);
  });

  it('waits for the rest of a frame split across reads', () => {
    const framer = new MllpFramer();
    const bytes = frame('MSH|split in three');
    expect(framer.push(bytes.subarray(0, 4))).toEqual([]);
    expect(framer.push(bytes.subarray(4, 10))).toEqual([]);
    expect(texts(framer.push(bytes.subarray(10)))).toEqual([
      'MSH|split in three',
    ]);
  });

  it('completes a frame split between FS and CR once, and the CR starts nothing', () => {
    const framer = new MllpFramer();
    const bytes = frame('MSH|x');
    expect(texts(framer.push(bytes.subarray(0, bytes.length - 1)))).toEqual([
      'MSH|x',
    ]);
    expect(framer.push(bytes.subarray(bytes.length - 1))).toEqual([]);
    expect(texts(framer.push(frame('MSH|y')))).toEqual(['MSH|y']);
  });

  it('reports garbage before a frame once, then reads the frame', () => {
    const framer = new MllpFramer();
    expect(
      texts(
        framer.push(
          Buffer.concat([Buffer.from('hello there'), frame('MSH|ok')]),
        ),
      ),
    ).toEqual(['garbage', 'MSH|ok']);
  });

  it('ignores blank bytes between frames', () => {
    const framer = new MllpFramer();
    expect(
      texts(
        framer.push(
          Buffer.concat([
            Buffer.from('\r\n '),
            frame('MSH|a'),
            Buffer.from('\n'),
            frame('MSH|b'),
          ]),
        ),
      ),
    ).toEqual(['MSH|a', 'MSH|b']);
  });

  it('drops a frame cut short by a new start block and reads the new one', () => {
    const framer = new MllpFramer();
    const events = framer.push(
      Buffer.concat([
        Buffer.from([0x0b]),
        Buffer.from('MSH|half'),
        frame('MSH|whole'),
      ]),
    );
    expect(texts(events)).toEqual(['garbage', 'MSH|whole']);
  });

  it('overflows past the cap and starts clean afterwards', () => {
    const framer = new MllpFramer(16);
    expect(texts(framer.push(frame('MSH|' + 'x'.repeat(40))))).toEqual([
      'overflow',
    ]);
    expect(texts(framer.push(frame('MSH|small')))).toEqual(['MSH|small']);
  });

  it('counts the cap across reads', () => {
    const framer = new MllpFramer(10);
    expect(framer.push(Buffer.from([0x0b, ...Buffer.from('MSH|12')]))).toEqual(
      [],
    );
    expect(texts(framer.push(Buffer.from('34567890')))).toEqual(['overflow']);
  });

  it('reads any split of a stream of frames the same', () => {
    const messages = ['MSH|1', 'MSH|22', 'MSH|333', 'MSH|4444'];
    const stream = Buffer.concat(messages.map((m) => frame(m)));
    for (let size = 1; size <= stream.length; size++) {
      const framer = new MllpFramer();
      const events: FrameEvent[] = [];
      for (let i = 0; i < stream.length; i += size) {
        events.push(...framer.push(stream.subarray(i, i + size)));
      }
      expect(texts(events)).toEqual(messages);
    }
  });
});
