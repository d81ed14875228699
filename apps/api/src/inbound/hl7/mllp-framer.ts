/** MLLP start block (VT). */
export const MLLP_START = 0x0b;
/** MLLP end block (FS), followed by CR. */
export const MLLP_END = 0x1c;
export const CR = 0x0d;

/** Largest frame accepted: a message beyond this closes the connection (lab-interface reference §5). */
export const DEFAULT_MAX_FRAME_BYTES = 2 * 1024 * 1024;

/** What the framer found in the stream. */
export type FrameEvent =
  | { readonly kind: 'frame'; readonly bytes: Buffer }
  /** Bytes that were no frame: data outside a frame, or a frame cut short by a new start block. */
  | { readonly kind: 'garbage'; readonly length: number }
  | { readonly kind: 'overflow' };

const isBlank = (byte: number): boolean =>
  byte === 0x0d || byte === 0x0a || byte === 0x20 || byte === 0x09;

/**
 * Our own MLLP framing (`VT message FS CR`), scanning the stream front to back: one TCP read may
 * hold several frames, half of one, or a frame split between its FS and CR (lab-interface reference
 * §7.1: @medplum/hl7's connection only checks whether each read *ends* in FS CR and merges two
 * frames sent in one write into one message — two patients' results under one). A frame ends at
 * FS; the CR after it is skipped wherever it arrives. Blank bytes between frames are ignored;
 * anything else outside a frame is reported once as garbage when the next frame starts (the
 * listener answers it with an AR and keeps the connection). A frame over the cap is an overflow.
 */
export class MllpFramer {
  private readonly parts: Buffer[] = [];
  private size = 0;
  private inFrame = false;
  private garbage = 0;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Feeds one chunk of the stream; returns what it completed, in order. */
  push(chunk: Buffer): FrameEvent[] {
    const events: FrameEvent[] = [];
    let index = 0;
    while (index < chunk.length) {
      if (!this.inFrame) {
        const start = chunk.indexOf(MLLP_START, index);
        const end = start === -1 ? chunk.length : start;
        for (let i = index; i < end; i++) {
          if (!isBlank(chunk[i] as number)) {
            this.garbage++;
          }
        }
        if (start === -1) {
          return events;
        }
        if (this.garbage > 0) {
          events.push({ kind: 'garbage', length: this.garbage });
          this.garbage = 0;
        }
        this.inFrame = true;
        index = start + 1;
        continue;
      }
      const endBlock = chunk.indexOf(MLLP_END, index);
      const restart = chunk.indexOf(MLLP_START, index);
      if (restart !== -1 && (endBlock === -1 || restart < endBlock)) {
        // A new start block inside a frame: the frame so far was cut short.
        events.push({ kind: 'garbage', length: this.size + restart - index });
        this.reset();
        this.inFrame = true;
        index = restart + 1;
        continue;
      }
      const stop = endBlock === -1 ? chunk.length : endBlock;
      if (this.size + (stop - index) > this.maxFrameBytes) {
        this.reset();
        events.push({ kind: 'overflow' });
        return events;
      }
      this.parts.push(chunk.subarray(index, stop));
      this.size += stop - index;
      if (endBlock === -1) {
        return events;
      }
      events.push({
        kind: 'frame',
        bytes: Buffer.concat(this.parts, this.size),
      });
      this.reset();
      index = endBlock + 1;
    }
    return events;
  }

  private reset(): void {
    this.parts.length = 0;
    this.size = 0;
    this.inFrame = false;
  }
}

/** A message wrapped in one MLLP frame. */
export function frame(message: string | Buffer): Buffer {
  const body =
    typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  return Buffer.concat([
    Buffer.from([MLLP_START]),
    body,
    Buffer.from([MLLP_END, CR]),
  ]);
}
