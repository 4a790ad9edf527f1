import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceHotplug, type Hotplug } from '../../../src-main/devices/hotplug.ts';
import { waitFor } from '../../support/socat.ts';

const opened: Hotplug[] = [];
afterEach(() => {
  for (const hotplug of opened.splice(0)) hotplug.close();
});

describe('USB hot-plug', () => {
  it('tells its subscribers when a device node appears, where the machine has a USB bus', async () => {
    const dev = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-dev-'));
    fs.mkdirSync(path.join(dev, 'bus-usb'));
    const hotplug = deviceHotplug({
      usbBus: path.join(dev, 'bus-usb'),
      dirs: [dev, path.join(dev, 'missing')],
    });
    opened.push(hotplug);
    expect(hotplug.mode).toBe('watch');
    let nudges = 0;
    const stop = hotplug.subscribe(() => (nudges += 1));
    fs.writeFileSync(path.join(dev, 'ttyACM0'), ''); // udev makes the node
    await waitFor(() => nudges > 0, 5000);
    stop();
    const before = nudges;
    fs.writeFileSync(path.join(dev, 'ttyACM1'), '');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(nudges).toBe(before);
    fs.rmSync(dev, { recursive: true, force: true });
  });

  it('falls back to polling, quietly, where there is no USB bus (as in this container)', () => {
    const hotplug = deviceHotplug({ usbBus: path.join(os.tmpdir(), 'no-such-usb-bus') });
    opened.push(hotplug);
    expect(hotplug.mode).toBe('polling');
    expect(() => hotplug.subscribe(() => undefined)()).not.toThrow();
  });
});
