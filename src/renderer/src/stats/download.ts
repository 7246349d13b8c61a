import type { StatsFileOutput } from '../../../shared/stats';

/**
 * Hands an exported file to the browser's (or Electron's) download: a Blob and a temporary
 * <a download>. Nothing is written by the page itself and nothing leaves the device.
 */
export function saveFile(file: StatsFileOutput): void {
  const binary = atob(file.dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; give a slow one time before the bytes are let go.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
