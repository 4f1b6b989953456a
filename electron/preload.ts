// Runs sandboxed with contextIsolation: exposes exactly one object, window.api.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from './bridge';

contextBridge.exposeInMainWorld(
  'api',
  buildApi(
    (channel, arg) => ipcRenderer.invoke(channel, arg),
    (channel, listener) => {
      // The event object stays here: it would give the page access to ipcRenderer.
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => ipcRenderer.removeListener(channel, wrapped);
    },
  ),
);
