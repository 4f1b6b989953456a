import { posix, resolve } from 'node:path';

/**
 * Which folders the interface may add. A path typed into the page (or sent
 * by a compromised page) could point the index, and with it the prompts to a
 * renderer-chosen Ollama host, at any folder; a UNC path also makes Windows
 * sign in to that server with the clerk's credentials. So over IPC a folder
 * is added only when the clerk chose it in the folder dialog, or confirmed
 * it in a native dialog that names the path; a network path is always
 * confirmed, with a warning. The CLI and the tests call the core directly and
 * never pass this gate.
 */

/** A network location a local path leads to: a mapped drive letter or a network mount point. */
export interface NetworkRoot {
  /** "Z:" or "/mnt/akten". */
  root: string;
  /** "\\server\share" or "//server/share", for the warning. */
  remote: string;
}

const GENERIC_URL = /^([a-z][a-z0-9+.-]+):/i;

const driveOf = (path: string) => /^([a-z]):/i.exec(path)?.[1]?.toUpperCase() ?? null;

/**
 * Where on the network `input` lies ("\\server\share", "smb://server", the
 * mapped drive's share…), or null for a local path. Pure: the mapped drives
 * and network mounts come in as `roots`.
 */
export function networkLocation(input: string, roots: readonly NetworkRoot[] = []): string | null {
  const path = input.trim();
  // \\?\UNC\server\share and \\.\UNC\server\share: UNC in the long-path form.
  const longUnc = /^[\\/]{2}[?.][\\/]UNC[\\/]([^\\/]+)(?:[\\/]([^\\/]+))?/i.exec(path);
  if (longUnc) return `\\\\${longUnc[1]}${longUnc[2] ? `\\${longUnc[2]}` : ''}`;
  // \\?\C:\… and \\.\C:\…: a local drive in the long-path or device form.
  if (/^[\\/]{2}[?.][\\/]/.test(path)) return null;
  // \\server\share, //server/share, \/server\share.
  const unc = /^[\\/]{2}([^\\/]+)(?:[\\/]([^\\/]+))?/.exec(path);
  if (unc) return `\\\\${unc[1]}${unc[2] ? `\\${unc[2]}` : ''}`;
  // smb://server/share, smb:server, nfs://…, afp://…, webdav…, https://…; file://server/share.
  const url = GENERIC_URL.exec(path);
  if (url) {
    if (url[1]!.toLowerCase() !== 'file') return path;
    const host = /^file:[\\/]{2}([^\\/]*)/i.exec(path)?.[1] ?? '';
    return host === '' || host.toLowerCase() === 'localhost' ? null : `\\\\${host}`;
  }
  const drive = driveOf(path);
  const absolute = drive === null && path.startsWith('/') ? posix.normalize(path) : null;
  for (const { root, remote } of roots) {
    if (drive !== null && driveOf(root) === drive) return remote;
    if (absolute !== null && root.startsWith('/')) {
      const base = root.endsWith('/') ? root : `${root}/`;
      if (absolute === root || absolute.startsWith(base)) return remote;
    }
  }
  return null;
}

/**
 * The mapped drives in the output of Windows' `net use` (any display
 * language: the rows are "<status> Z: \\server\share <network>").
 */
export function parseNetUse(output: string): NetworkRoot[] {
  const roots: NetworkRoot[] = [];
  for (const line of output.split(/\r?\n/)) {
    const row = /(?:^|\s)([a-z]):\s+(\\\\\S+)/i.exec(line);
    if (row) roots.push({ root: `${row[1]!.toUpperCase()}:`, remote: row[2]! });
  }
  return roots;
}

const NETWORK_FILE_SYSTEMS = new Set(['cifs', 'smb3', 'smbfs', 'nfs', 'nfs4', 'afpfs', 'webdav', 'davfs', 'fuse.davfs2', 'fuse.sshfs', 'sshfs', 'ceph', 'glusterfs', 'fuse.glusterfs', 'fuse.rclone', '9p']);

/** Network mounts in Linux's /proc/mounts ("source mountpoint type options 0 0", spaces as \040). */
export function parseProcMounts(text: string): NetworkRoot[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  const roots: NetworkRoot[] = [];
  for (const line of text.split('\n')) {
    const [source, mountPoint, type] = line.split(' ');
    if (source && mountPoint && type && NETWORK_FILE_SYSTEMS.has(type)) roots.push({ root: unescape(mountPoint), remote: unescape(source) });
  }
  return roots;
}

/** Network mounts in the output of macOS' `mount` ("//user@server/share on /Volumes/share (smbfs, …)"). */
export function parseMacMount(output: string): NetworkRoot[] {
  const roots: NetworkRoot[] = [];
  for (const line of output.split('\n')) {
    const row = /^(.+?) on (.+) \(([^,)]+)/.exec(line);
    if (row && NETWORK_FILE_SYSTEMS.has(row[3]!)) roots.push({ root: row[2]!, remote: row[1]! });
  }
  return roots;
}

/** How the shell learns the mapped drives and network mounts; given by main.ts, fakes in the tests. */
export interface MountSources {
  run: (command: string, args: string[]) => Promise<string>;
  read: (file: string) => Promise<string>;
}

/** The mapped drives (Windows: `net use`) or network mounts (Linux: /proc/mounts, macOS: `mount`); [] when they cannot be read. */
export async function loadNetworkRoots(platform: NodeJS.Platform, sources: MountSources): Promise<NetworkRoot[]> {
  try {
    if (platform === 'win32') return parseNetUse(await sources.run('net', ['use']));
    if (platform === 'darwin') return parseMacMount(await sources.run('mount', []));
    return parseProcMounts(await sources.read('/proc/mounts'));
  } catch {
    return [];
  }
}

/** What the native confirmation shows (a subset of Electron's MessageBoxOptions). */
export interface FolderConfirmation {
  type: 'question' | 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: [string, string];
  /** The button Enter presses, and the one Escape presses: "Abbrechen". */
  defaultId: 1;
  cancelId: 1;
  noLink: true;
}

/** The German confirmation for adding `path`; `network` is where it lies on the network, if it does. */
export function folderConfirmation(path: string, { network, chosen }: { network: string | null; chosen: boolean }): FolderConfirmation {
  const base = { title: 'Ordner hinzufügen', message: `Den Ordner „${path}“ hinzufügen und einlesen?`, buttons: ['Hinzufügen', 'Abbrechen'] as [string, string], defaultId: 1 as const, cancelId: 1 as const, noLink: true as const };
  if (network) {
    return {
      ...base,
      type: 'warning',
      detail:
        `Achtung: Dieser Ordner liegt auf einem anderen Rechner im Netzwerk (${network}). ` +
        'Beim Einlesen meldet sich Windows dort mit Ihrer Anmeldung an, und die Dokumente werden über das Netzwerk gelesen. ' +
        'Fügen Sie ihn nur hinzu, wenn Sie den Server kennen, zum Beispiel den Dateiserver Ihrer Verwaltung.' +
        (chosen ? '' : ' Haben Sie den Pfad nicht selbst eingegeben, wählen Sie „Abbrechen“.'),
    };
  }
  return {
    ...base,
    type: 'question',
    detail:
      'Stadtschreiber liest alle Dokumente in diesem Ordner und seinen Unterordnern und nimmt sie in den Suchindex auf. ' +
      'Haben Sie den Pfad nicht selbst eingegeben, wählen Sie „Abbrechen“.',
  };
}

export type Admission = 'admitted' | 'declined' | 'refused';

export interface FolderGateOptions {
  /** Shows the native dialog; true when the clerk pressed "Hinzufügen". Without it, only dialog-chosen local folders pass. */
  confirm?: (confirmation: FolderConfirmation) => Promise<boolean>;
  /** The mapped drives and network mounts right now. */
  networkRoots?: () => Promise<readonly NetworkRoot[]>;
}

const keyOf = (path: string) => resolve(path.trim());

export class FolderGate {
  private readonly chosenPaths = new Set<string>();
  private asking = false;

  constructor(private readonly options: FolderGateOptions = {}) {}

  /** A folder the clerk picked in the native folder dialog: it may be added once without asking again. */
  chosen(path: string | null): void {
    if (path) this.chosenPaths.add(keyOf(path));
  }

  /**
   * Whether an addFolder over IPC may go on: "admitted", "declined" (the
   * clerk said no) or "refused" (no way to ask, or a dialog is already open).
   */
  async admit(path: string): Promise<Admission> {
    const wasChosen = this.chosenPaths.delete(keyOf(path));
    let roots: readonly NetworkRoot[] = [];
    try {
      roots = (await this.options.networkRoots?.()) ?? [];
    } catch {
      // Unknown mounts: the path rules (UNC, URLs) still apply.
    }
    const network = networkLocation(path, roots);
    if (wasChosen && !network) return 'admitted';
    if (!this.options.confirm || this.asking) return 'refused';
    this.asking = true;
    try {
      return (await this.options.confirm(folderConfirmation(path.trim(), { network, chosen: wasChosen }))) ? 'admitted' : 'declined';
    } catch {
      return 'refused';
    } finally {
      this.asking = false;
    }
  }
}
