import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AtChannel, finalResult, infoPrefixOf } from '../../../drivers/sms-modem/at.ts';
import { openSmsModemOn, SmsSendError, type SmsModem } from '../../../drivers/sms-modem/modem.ts';

/**
 * A modem on a fake line: the test sees every byte written and answers in whatever pieces it likes,
 * as a USB modem's tty delivers them.
 */
class FakeLine extends Duplex {
  readonly written: string[] = [];
  onWrite: (text: string) => void = () => undefined;

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    const text = chunk.toString('latin1');
    this.written.push(text);
    done();
    setImmediate(() => this.onWrite(text));
  }

  answer(...pieces: string[]): void {
    for (const piece of pieces) this.push(Buffer.from(piece, 'latin1'));
  }
}

const commands = (line: FakeLine) => line.written.map((w) => w.replace(/\r$/, ''));

describe('reading what the modem says', () => {
  it('knows the final results of 27.005 and 27.007', () => {
    expect(finalResult('OK')).toEqual({ ok: true });
    expect(finalResult('ERROR')).toMatchObject({ ok: false, error: { code: 'ERROR' } });
    expect(finalResult('+CMS ERROR: 38')).toMatchObject({
      ok: false,
      error: { code: 'CMS_ERROR', detail: '38' },
    });
    expect(finalResult('+CME ERROR: 10')).toMatchObject({
      ok: false,
      error: { code: 'CME_ERROR', detail: '10' },
    });
    expect(finalResult('+CMTI: "SM",3')).toBeNull();
    expect(finalResult('RING')).toBeNull();
  });

  it('takes +CMGS: as the answer to AT+CMGS and nothing as the answer to AT', () => {
    expect(infoPrefixOf('AT+CMGS="+6281234567890"')).toBe('+CMGS:');
    expect(infoPrefixOf('at+cscs="GSM"')).toBe('+CSCS:');
    expect(infoPrefixOf('AT')).toBeNull();
  });

  it('finds OK in an answer that arrives a byte at a time, with the echo before it', async () => {
    const line = new FakeLine();
    const channel = new AtChannel(line);
    line.onWrite = () => [...'AT\r\r\nOK\r\n'].forEach((c) => line.answer(c));
    await expect(channel.command('AT', 500)).resolves.toEqual([]);
  });

  it('sets unsolicited codes aside and keeps the command’s own answer', async () => {
    const line = new FakeLine();
    const channel = new AtChannel(line);
    line.onWrite = () =>
      line.answer('\r\nRI', 'NG\r\n\r\n+CMTI: "SM",3\r\n\r\n+CSQ: 2', '1,0\r\n\r\nO', 'K\r\n');
    await expect(channel.command('AT+CSQ', 500)).resolves.toEqual(['+CSQ: 21,0']);
    expect(channel.unsolicited).toEqual(['RING', '+CMTI: "SM",3']);
  });

  it('a command with no answer in time is TIMEOUT', async () => {
    const channel = new AtChannel(new FakeLine());
    await expect(channel.command('AT', 100)).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('a line that closes under a command is DISCONNECTED', async () => {
    const line = new FakeLine();
    const channel = new AtChannel(line);
    line.onWrite = () => line.destroy();
    await expect(channel.command('AT', 1000)).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });
});

describe('sending a message on a fake line', () => {
  let modem: SmsModem | null = null;
  afterEach(async () => {
    await modem?.close();
    modem = null;
  });

  const quick = { commandTimeoutMs: 300, promptTimeoutMs: 300, sendTimeoutMs: 300 };

  it('goes through echo, URCs, a split prompt and a split +CMGS, and returns the reference', async () => {
    const line = new FakeLine();
    let echo = true;
    line.onWrite = (text) => {
      if (echo && !text.endsWith('\u001a')) line.answer(text); // the echo, until ATE0 is read
      if (text === 'ATE0\r') echo = false;
      if (text.startsWith('AT+CMGS')) line.answer('\r\n+CMTI: "SM",4\r\n\r\n', '>', ' ');
      else if (text.endsWith('\u001a')) line.answer('\r\nRING\r\n\r\n+CMGS: 1', '7\r\n\r\nOK\r\n');
      else line.answer('\r\nO', 'K\r\n');
    };
    modem = openSmsModemOn(async () => ({ stream: line, close: async () => void line.destroy() }), quick);

    await expect(modem.send('0812-3456-7890', 'Paspor Anda sudah siap')).resolves.toEqual({
      reference: '17',
    });
    expect(commands(line)).toEqual([
      'AT',
      'ATE0',
      'AT+CMGF=1',
      'AT+CSCS="GSM"',
      'AT+CMGS="+6281234567890"',
      'Paspor Anda sudah siap\u001a',
    ]);
  });

  it('ERROR instead of the prompt fails with it', async () => {
    const line = new FakeLine();
    const channel = new AtChannel(line);
    line.onWrite = () => line.answer('\r\n+CMS ERROR: 330\r\n');
    await expect(channel.commandForText('AT+CMGS="+6281234567890"', 300)).rejects.toMatchObject({
      code: 'CMS_ERROR',
      detail: '330',
    });
  });

  it('no prompt in time is NO_PROMPT, and ESC leaves the text entry a late prompt would open', async () => {
    const line = new FakeLine();
    const channel = new AtChannel(line);
    await expect(channel.commandForText('AT+CMGS="+6281234567890"', 100)).rejects.toMatchObject({
      code: 'NO_PROMPT',
    });
    expect(commands(line)).toEqual(['AT+CMGS="+6281234567890"', '\u001b']);
  });

  it('a number or a text that can never go is refused before anything is written', async () => {
    const line = new FakeLine();
    let opened = 0;
    modem = openSmsModemOn(async () => {
      opened += 1;
      return { stream: line, close: async () => void line.destroy() };
    }, quick);
    await expect(modem.send('0361 222 333', 'Paspor siap')).rejects.toMatchObject({ code: 'INVALID_PHONE' });
    const tooLong = modem.send('081234567890', 'x'.repeat(161));
    await expect(tooLong).rejects.toMatchObject({ code: 'TOO_LONG' });
    await expect(tooLong).rejects.not.toBeInstanceOf(SmsSendError);
    expect(opened).toBe(0);
    expect(line.written).toEqual([]);
  });
});
