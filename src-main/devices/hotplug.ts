import fs from 'node:fs';

/** Tells its subscribers that device nodes came or went, so reconnection need not wait its turn. */
export interface Hotplug {
  /** How changes are noticed: `watch` on a machine with a USB bus, `polling` without one. */
  readonly mode: 'watch' | 'polling';
  subscribe(listener: () => void): () => void;
  close(): void;
}

/** Where Linux makes the nodes of serial ports, USB printers and HID devices as they are plugged. */
const watchedDirs = ['/dev', '/dev/usb', '/dev/serial/by-id'];

/**
 * USB hot-plug by watching the device folders (udev makes and removes the nodes). Where the machine
 * has no USB bus (`/dev/bus/usb` absent, as in a container) there is nothing to watch: the drivers'
 * own back-off polling finds a device that comes back, and nothing is logged about it.
 */
export function deviceHotplug(options: { usbBus?: string; dirs?: string[] } = {}): Hotplug {
  const listeners = new Set<() => void>();
  const usbBus = options.usbBus ?? '/dev/bus/usb';
  const watchers: fs.FSWatcher[] = [];
  if (fs.existsSync(usbBus)) {
    for (const dir of options.dirs ?? watchedDirs) {
      try {
        const watcher = fs.watch(dir, { persistent: false }, () => {
          for (const listener of listeners) listener();
        });
        watcher.on('error', () => watcher.close());
        watchers.push(watcher);
      } catch {
        // A folder that does not exist yet (no serial device ever plugged) is not an error.
      }
    }
  }
  return {
    mode: watchers.length ? 'watch' : 'polling',
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const watcher of watchers) watcher.close();
      listeners.clear();
    },
  };
}
