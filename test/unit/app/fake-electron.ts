// Fakes of the slices of Electron's API the shell uses: enough behaviour to drive the shell's
// modules (events fire synchronously, windows record what was done to them).
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { DisplayLike, Rect } from '../../../main/app/electron-main/window-placement.js';

export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  readonly calls: string[] = [];
  bounds: Rect;
  fullScreen: boolean;
  destroyed = false;
  failLoads = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.fullScreen = options.fullscreen === true;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return this.failLoads ? Promise.reject(new Error('ERR_CONNECTION_REFUSED')) : Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setBounds(bounds: Rect): void {
    this.calls.push(`setBounds ${bounds.x},${bounds.y} ${bounds.width}x${bounds.height}`);
    this.bounds = bounds;
  }
  setFullScreen(flag: boolean): void {
    this.calls.push(`setFullScreen ${flag}`);
    this.fullScreen = flag;
  }
  show(): void {
    this.calls.push('show');
  }
  maximize(): void {
    this.calls.push('maximize');
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

export function display(id: number, x: number, width = 1920, height = 1080): DisplayLike {
  return { id, label: `monitor ${id}`, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } };
}

export class FakeScreen extends EventEmitter {
  constructor(
    public displays: DisplayLike[],
    public primaryId = displays[0]!.id,
  ) {
    super();
  }
  getAllDisplays(): DisplayLike[] {
    return this.displays;
  }
  getPrimaryDisplay(): DisplayLike {
    return this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0]!;
  }
  add(d: DisplayLike): void {
    this.displays = [...this.displays, d];
    this.emit('display-added', {}, d);
  }
  remove(id: number): void {
    const gone = this.displays.find((d) => d.id === id);
    this.displays = this.displays.filter((d) => d.id !== id);
    this.emit('display-removed', {}, gone);
  }
  change(d: DisplayLike): void {
    this.displays = this.displays.map((old) => (old.id === d.id ? d : old));
    this.emit('display-metrics-changed', {}, d, ['bounds']);
  }
}

/** A preventable event as Electron passes to will-navigate and friends. */
export function preventable(extra: Record<string, unknown> = {}): { preventDefault(): void; prevented: boolean } {
  const event = { prevented: false, preventDefault: () => (event.prevented = true), ...extra };
  return event;
}

/**
 * safeStorage: reversible but not the identity (a keystream from the keyring's name, behind a
 * header naming the keyring), so a test can tell sealed bytes from the plain key, and a value
 * sealed under one keyring (another OS user) fails to open under another, as the real one does.
 */
export class FakeSafeStorage {
  available = true;
  backend: string = 'gnome_libsecret';
  keyring = 'alice';
  failEncrypt = false;
  readonly calls: string[] = [];

  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    this.calls.push('encryptString');
    if (!this.available || this.failEncrypt) {
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    }
    return Buffer.concat([this.header(), this.xor(Buffer.from(plainText, 'utf8'))]);
  }
  decryptString(encrypted: Buffer): string {
    this.calls.push('decryptString');
    const header = this.header();
    if (!this.available || encrypted.length < header.length || !encrypted.subarray(0, header.length).equals(header)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return this.xor(encrypted.subarray(header.length)).toString('utf8');
  }
  private header(): Buffer {
    return Buffer.concat([Buffer.from('v10'), createHash('sha256').update(`keyring ${this.keyring}`).digest().subarray(0, 4)]);
  }
  private xor(data: Buffer): Buffer {
    const pad = createHash('sha256').update(`pad ${this.keyring}`).digest();
    return Buffer.from(data.map((byte, i) => byte ^ pad[i % pad.length]!));
  }
}
