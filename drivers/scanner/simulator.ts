import { EventEmitter } from 'node:events';
import type { ScannerEvents, ScannerStatus } from './scanner.ts';

/**
 * A scanner inside Loket for tests and the training mode: it scans what the supervisor console or a
 * test hands it, and can be unplugged and plugged back in on command. Same events as the real
 * drivers, so everything above it runs unchanged.
 */
export class SimulatedScanner extends EventEmitter<ScannerEvents> {
  private state: ScannerStatus | null = null;
  private closed = false;

  constructor(private readonly now: () => number = () => performance.now()) {
    super();
  }

  get status(): ScannerStatus | null {
    return this.state;
  }

  async open(): Promise<void> {
    if (this.closed) throw new Error('This scanner was closed.');
    this.setStatus('ready');
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** A code read, as a real scanner would hand it on; false when the scanner is unplugged or closed. */
  scan(text: string, symbology?: { aim: string; name: string }): boolean {
    if (this.closed || this.state !== 'ready') return false;
    this.emit('scan', { text, at: this.now(), ...(symbology ? { symbology } : {}) });
    return true;
  }

  unplug(): void {
    if (!this.closed) this.setStatus('disconnected');
  }

  plug(): void {
    if (!this.closed) this.setStatus('ready');
  }

  private setStatus(status: ScannerStatus): void {
    if (status === this.state) return;
    this.state = status;
    this.emit('status', status);
  }
}
