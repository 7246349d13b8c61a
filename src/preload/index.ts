import { contextBridge, ipcRenderer } from 'electron';
import type { IntakeBridge } from '../shared/contract';
import { IPC_CHANNEL } from '../shared/ipc';

// No logic here: one typed function that carries a contract call to main, which validates it.
const bridge: IntakeBridge = {
  call: (method, input) => ipcRenderer.invoke(IPC_CHANNEL, method, input),
};

contextBridge.exposeInMainWorld('intake', bridge);
