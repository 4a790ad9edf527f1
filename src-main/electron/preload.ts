import { contextBridge } from 'electron';

/** The renderer's only door to the main process; operations are added with the station UIs. */
contextBridge.exposeInMainWorld('loket', Object.freeze({ platform: 'electron' }));
