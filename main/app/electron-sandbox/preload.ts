// Preload of every shell window (sandboxed: only `electron`'s renderer modules are available),
// bundled to dist/app/preload.cjs.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeWindowConfig } from './expose-window-config.js';

exposeWindowConfig({ contextBridge, ipcRenderer });
