import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { announcementClips } from '../../../src-main/domain/announcement.ts';
import { Announcer, playClip } from '../../../src-renderer/display/announcer.ts';

/**
 * A stand-in for the speakers: each clip "plays" until the test ends it, so a test decides when
 * a clip is over and can look at what has started in the meantime.
 */
class FakeSpeaker {
  readonly started: string[] = [];
  private playing: { clip: string; end: () => void; fail: (error: Error) => void }[] = [];

  readonly play = (clip: string): Promise<void> =>
    new Promise((end, fail) => {
      this.started.push(clip);
      this.playing.push({ clip, end, fail });
    });

  /** The clip being played now; there is never more than one. */
  get current(): string | undefined {
    expect(this.playing.length).toBeLessThanOrEqual(1);
    return this.playing[0]?.clip;
  }

  async finish(count = 1): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await settle();
      const clip = this.playing.shift();
      if (!clip) throw new Error('nothing is playing');
      clip.end();
    }
    await settle();
  }

  async fail(): Promise<void> {
    await settle();
    this.playing.shift()?.fail(new Error('404'));
    await settle();
  }

  /** Lets every clip play to its end, now and later. */
  async finishAll(): Promise<void> {
    for (let i = 0; i < 1000; i += 1) {
      await settle();
      if (this.playing.length === 0) return;
      await this.finish();
    }
  }
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

describe("the board's voice", () => {
  it('speaks a call clip by clip: chime, "Nomor antrian A dua, nol satu empat, silakan menuju loket tiga"', async () => {
    const speaker = new FakeSpeaker();
    const announcer = new Announcer(speaker.play);
    const done = announcer.announce('A2-014', 3);
    await speaker.finishAll();
    await done;
    expect(announcer.played).toEqual(announcementClips('A2-014', 3));
    expect(announcer.played[0]).toBe('chime');
    expect(announcer.announced).toEqual(['A2-014@3']);
  });

  it('lets a call that comes in mid-sentence wait for the one being spoken, never cutting it off', async () => {
    const speaker = new FakeSpeaker();
    const announcer = new Announcer(speaker.play);
    void announcer.announce('A2-014', 3);
    await speaker.finish(4); // chime, "Nomor antrian", "A", "dua"
    void announcer.announce('B1-007', 12);
    await speaker.finish(1);
    // Still the first call's sequence: nothing of the second has started.
    expect(speaker.current).toBe('digit-1');
    expect(speaker.started).toEqual(announcementClips('A2-014', 3).slice(0, 6));
    expect(announcer.announced).toEqual([]);

    await speaker.finish(4); // "satu", "empat", "silakan menuju loket", "tiga"
    expect(announcer.announced).toEqual(['A2-014@3']);
    expect(speaker.current).toBe('chime'); // the second call begins only now
    await speaker.finishAll();
    expect(announcer.played).toEqual([...announcementClips('A2-014', 3), ...announcementClips('B1-007', 12)]);
    expect(announcer.announced).toEqual(['A2-014@3', 'B1-007@12']);
  });

  it('speaks calls in the order they came, however many arrive at once', async () => {
    const speaker = new FakeSpeaker();
    const announcer = new Announcer(speaker.play);
    const calls: [string, number][] = [
      ['A2-001', 1],
      ['A2-002', 2],
      ['S2-001', 5],
      ['A2-003', 1],
    ];
    const spoken = calls.map(([number, counter]) => announcer.announce(number, counter));
    await speaker.finishAll();
    await Promise.all(spoken);
    expect(announcer.announced).toEqual(['A2-001@1', 'A2-002@2', 'S2-001@5', 'A2-003@1']);
    expect(announcer.played).toEqual(
      calls.flatMap(([number, counter]) => announcementClips(number, counter)),
    );
  });

  it('announces a recall again, in full, after whatever is already queued', async () => {
    const speaker = new FakeSpeaker();
    const announcer = new Announcer(speaker.play);
    void announcer.announce('A2-001', 1);
    void announcer.announce('A2-002', 2);
    void announcer.announce('A2-001', 1); // counter 1 recalls its citizen
    await speaker.finishAll();
    await announcer.idle();
    expect(announcer.announced).toEqual(['A2-001@1', 'A2-002@2', 'A2-001@1']);
    expect(announcer.played.filter((clip) => clip === 'chime')).toHaveLength(3);
    expect(announcer.played.slice(-9)).toEqual(announcementClips('A2-001', 1));
  });

  it('skips a clip that cannot be played and goes on with the sentence and the calls behind it', async () => {
    const speaker = new FakeSpeaker();
    const announcer = new Announcer(speaker.play);
    void announcer.announce('A2-014', 3);
    void announcer.announce('A2-015', 4);
    await speaker.finish(2);
    await speaker.fail(); // letter-a is missing or broken
    await speaker.finishAll();
    await announcer.idle();
    expect(announcer.failed).toEqual(['letter-a']);
    expect(announcer.played).toEqual([...announcementClips('A2-014', 3), ...announcementClips('A2-015', 4)]);
    expect(announcer.announced).toEqual(['A2-014@3', 'A2-015@4']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('404'));
  });

  it('keeps going when the player throws instead of rejecting', async () => {
    const announcer = new Announcer((clip) => {
      if (clip === 'chime') throw new Error('no audio device');
      return Promise.resolve();
    });
    await announcer.announce('A2-014', 3);
    await announcer.announce('A2-015', 3);
    expect(announcer.failed).toEqual(['chime', 'chime']);
    expect(announcer.announced).toEqual(['A2-014@3', 'A2-015@3']);
  });

  it('chimes without words for a call its clips cannot say, and speaks the next call normally', async () => {
    const speaker = new FakeSpeaker();
    const announcer = new Announcer(speaker.play);
    void announcer.announce('A2-014', 31);
    void announcer.announce('A2-015', 3);
    await speaker.finishAll();
    await announcer.idle();
    expect(announcer.played).toEqual(['chime', ...announcementClips('A2-015', 3)]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('only counters 1–30'));
  });
});

/** Just enough of an HTMLAudioElement: the test fires its events. */
class FakeAudio {
  static made: FakeAudio[] = [];
  onended: (() => void) | null = null;
  onerror: (() => void) | null = null;
  paused = true;
  refuse: Error | null = null;
  constructor(readonly src: string) {
    FakeAudio.made.push(this);
  }
  play(): Promise<void> {
    if (this.refuse) return Promise.reject(this.refuse);
    this.paused = false;
    return Promise.resolve();
  }
  pause(): void {
    this.paused = true;
  }
}

describe('the default player, an audio element per clip', () => {
  beforeEach(() => {
    FakeAudio.made = [];
    vi.useFakeTimers();
    vi.stubGlobal('Audio', FakeAudio);
    vi.stubGlobal('window', globalThis);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('plays /audio/<clip>.wav and is done when the clip ends', async () => {
    const done = playClip('letter-a');
    expect(FakeAudio.made[0]?.src).toBe('/audio/letter-a.wav');
    FakeAudio.made[0]?.onended?.();
    await expect(done).resolves.toBeUndefined();
  });

  it('gives up on a clip that cannot be loaded, or that the browser refuses to play', async () => {
    const broken = playClip('chime');
    FakeAudio.made[0]?.onerror?.();
    await expect(broken).rejects.toThrow(/chime: cannot be loaded/);
    vi.stubGlobal(
      'Audio',
      class extends FakeAudio {
        override refuse = new Error('NotAllowedError');
      },
    );
    await expect(playClip('chime')).rejects.toThrow(/NotAllowedError/);
  });

  it('gives up on a clip that never ends, and silences it so it cannot talk over the next', async () => {
    const stuck = playClip('number-3');
    const rejected = expect(stuck).rejects.toThrow(/number-3: no end/);
    await vi.advanceTimersByTimeAsync(5_999);
    expect(FakeAudio.made[0]?.paused).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await rejected;
    expect(FakeAudio.made[0]?.paused).toBe(true);
  });
});
