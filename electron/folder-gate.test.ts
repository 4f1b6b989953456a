import { describe, expect, it, vi } from 'vitest';
import { FolderGate, folderConfirmation, loadNetworkRoots, networkLocation, parseMacMount, parseNetUse, parseProcMounts, type FolderConfirmation } from './folder-gate';

describe('networkLocation', () => {
  it.each([
    ['\\\\server\\share\\Satzungen', '\\\\server\\share'],
    ['\\\\fileserver.amt.local\\Daten', '\\\\fileserver.amt.local\\Daten'],
    ['\\\\10.0.0.5\\c$', '\\\\10.0.0.5\\c$'],
    ['\\\\server', '\\\\server'],
    ['  \\\\server\\share  ', '\\\\server\\share'],
    ['//server/share/Satzungen', '\\\\server\\share'],
    ['\\/server\\share', '\\\\server\\share'],
    ['\\\\?\\UNC\\server\\share\\Akten', '\\\\server\\share'],
    ['\\\\.\\UNC\\server\\share', '\\\\server\\share'],
    ['\\\\server@SSL\\DavWWWRoot\\akten', '\\\\server@SSL\\DavWWWRoot'],
    ['smb://server/share', 'smb://server/share'],
    ['SMB://Server/Share', 'SMB://Server/Share'],
    ['smb:server', 'smb:server'],
    ['nfs://server/export', 'nfs://server/export'],
    ['afp://mac.local/Akten', 'afp://mac.local/Akten'],
    ['https://dav.example.org/akten', 'https://dav.example.org/akten'],
    ['file://server/share/akten', '\\\\server'],
  ])('recognises %s as a network path', (path, where) => {
    expect(networkLocation(path)).toBe(where);
  });

  it.each([
    'C:\\Dienstanweisungen',
    'c:/Dienstanweisungen',
    'D:',
    '\\\\?\\C:\\Sehr\\langer\\Pfad',
    '\\\\.\\C:\\Akten',
    '/home/sachbearbeitung/Akten',
    '/mnt/akten-lokal',
    'Akten\\2024',
    'file:///C:/Akten',
    'file://localhost/home/akten',
  ])('treats %s as local', (path) => {
    expect(networkLocation(path)).toBeNull();
  });

  it('knows a mapped drive letter as the share behind it, in any case', () => {
    const roots = [{ root: 'Z:', remote: '\\\\server\\akten' }];
    expect(networkLocation('Z:\\Satzungen', roots)).toBe('\\\\server\\akten');
    expect(networkLocation('z:/Satzungen', roots)).toBe('\\\\server\\akten');
    expect(networkLocation('C:\\Satzungen', roots)).toBeNull();
  });

  it('knows a folder under a network mount point, and only under it', () => {
    const roots = [{ root: '/mnt/akten', remote: '//server/akten' }];
    expect(networkLocation('/mnt/akten', roots)).toBe('//server/akten');
    expect(networkLocation('/mnt/akten/2024', roots)).toBe('//server/akten');
    expect(networkLocation('/mnt/lokal/../akten/2024', roots)).toBe('//server/akten');
    expect(networkLocation('/mnt/akten-lokal', roots)).toBeNull();
    expect(networkLocation('/home/akten', roots)).toBeNull();
  });
});

describe('parseNetUse', () => {
  it('reads the mapped drives of an English and a German Windows, skipping connections without a letter', () => {
    const english = [
      'New connections will be remembered.',
      '',
      '',
      'Status       Local     Remote                    Network',
      '',
      '-------------------------------------------------------------------------------',
      'OK           Z:        \\\\fileserver\\akten         Microsoft Windows Network',
      'Unavailable  Y:        \\\\nas01\\scans              Microsoft Windows Network',
      '                       \\\\server\\IPC$              Microsoft Windows Network',
      'The command completed successfully.',
    ].join('\r\n');
    expect(parseNetUse(english)).toEqual([
      { root: 'Z:', remote: '\\\\fileserver\\akten' },
      { root: 'Y:', remote: '\\\\nas01\\scans' },
    ]);
    const german = 'Status       Lokal     Remote                    Netzwerk\r\n\r\n----\r\nOK           h:        \\\\srv-rathaus\\home$\\meier   Microsoft Windows-Netzwerk\r\nDer Befehl wurde erfolgreich ausgeführt.\r\n';
    expect(parseNetUse(german)).toEqual([{ root: 'H:', remote: '\\\\srv-rathaus\\home$\\meier' }]);
  });
});

describe('parseProcMounts', () => {
  it('reads network file systems only, with escaped spaces', () => {
    const mounts = [
      '/dev/sda1 / ext4 rw,relatime 0 0',
      '//fileserver/akten /mnt/akten cifs rw,vers=3.0 0 0',
      'nas:/export/scans /mnt/Gescannte\\040Akten nfs4 rw 0 0',
      'tmpfs /tmp tmpfs rw 0 0',
      'user@host:/data /home/u/remote fuse.sshfs rw 0 0',
    ].join('\n');
    expect(parseProcMounts(mounts)).toEqual([
      { root: '/mnt/akten', remote: '//fileserver/akten' },
      { root: '/mnt/Gescannte Akten', remote: 'nas:/export/scans' },
      { root: '/home/u/remote', remote: 'user@host:/data' },
    ]);
  });
});

describe('parseMacMount', () => {
  it('reads smbfs and nfs mounts', () => {
    const output = [
      '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
      '//meier@fileserver/akten on /Volumes/akten (smbfs, nodev, nosuid, mounted by meier)',
      'nas:/export on /Volumes/Akten Archiv (nfs, asynchronous)',
    ].join('\n');
    expect(parseMacMount(output)).toEqual([
      { root: '/Volumes/akten', remote: '//meier@fileserver/akten' },
      { root: '/Volumes/Akten Archiv', remote: 'nas:/export' },
    ]);
  });
});

describe('loadNetworkRoots', () => {
  it('asks `net use` on Windows, /proc/mounts on Linux, `mount` on macOS, and gives [] when that fails', async () => {
    const run = vi.fn(async (command: string) => (command === 'net' ? 'OK  Z:  \\\\srv\\a  Microsoft Windows Network' : '//u@srv/a on /Volumes/a (smbfs)'));
    const read = vi.fn(async () => '//srv/a /mnt/a cifs rw 0 0');
    expect(await loadNetworkRoots('win32', { run, read })).toEqual([{ root: 'Z:', remote: '\\\\srv\\a' }]);
    expect(run).toHaveBeenLastCalledWith('net', ['use']);
    expect(await loadNetworkRoots('darwin', { run, read })).toEqual([{ root: '/Volumes/a', remote: '//u@srv/a' }]);
    expect(await loadNetworkRoots('linux', { run, read })).toEqual([{ root: '/mnt/a', remote: '//srv/a' }]);
    expect(read).toHaveBeenCalledWith('/proc/mounts');
    const failing = async () => {
      throw new Error('ENOENT');
    };
    expect(await loadNetworkRoots('win32', { run: failing, read: failing })).toEqual([]);
  });
});

describe('folderConfirmation', () => {
  it('names the path, in German, with Abbrechen as the default and the escape button', () => {
    const c = folderConfirmation('C:\\Akten', { network: null, chosen: false });
    expect(c).toMatchObject({ type: 'question', title: 'Ordner hinzufügen', message: 'Den Ordner „C:\\Akten“ hinzufügen und einlesen?', buttons: ['Hinzufügen', 'Abbrechen'], defaultId: 1, cancelId: 1 });
    expect(c.detail).toContain('nicht selbst eingegeben');
  });

  it('warns about a network path and names the server', () => {
    const c = folderConfirmation('\\\\srv\\akten', { network: '\\\\srv\\akten', chosen: true });
    expect(c.type).toBe('warning');
    expect(c.detail).toMatch(/^Achtung: Dieser Ordner liegt auf einem anderen Rechner im Netzwerk \(\\\\srv\\akten\)\./);
    expect(c.detail).toContain('mit Ihrer Anmeldung');
    expect(c.detail).not.toContain('nicht selbst eingegeben');
  });
});

describe('FolderGate', () => {
  const yes = async () => true;

  it('admits a local folder chosen in the dialog once, without asking', async () => {
    const confirm = vi.fn(yes);
    const gate = new FolderGate({ confirm });
    gate.chosen('/home/meier/Akten');
    expect(await gate.admit('/home/meier/Akten')).toBe('admitted');
    expect(confirm).not.toHaveBeenCalled();
    // The second time (a page replaying the call) it asks.
    expect(await gate.admit('/home/meier/Akten')).toBe('admitted');
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('treats the chosen path the same with spaces around it or a trailing separator', async () => {
    const gate = new FolderGate();
    gate.chosen('/home/meier/Akten');
    expect(await gate.admit(' /home/meier/Akten/ ')).toBe('admitted');
  });

  it('refuses a path that was not chosen in the dialog when it cannot ask', async () => {
    const gate = new FolderGate();
    gate.chosen('/home/meier/Akten');
    gate.chosen(null);
    expect(await gate.admit('/home/meier/Andere')).toBe('refused');
    expect(await gate.admit('/home/meier')).toBe('refused');
  });

  it('asks for a typed path, naming it, and follows the answer', async () => {
    const asked: FolderConfirmation[] = [];
    let answer = true;
    const gate = new FolderGate({ confirm: async (c) => (asked.push(c), answer) });
    expect(await gate.admit('/srv/akten')).toBe('admitted');
    answer = false;
    expect(await gate.admit('/srv/akten')).toBe('declined');
    expect(asked.map((c) => c.message)).toEqual(['Den Ordner „/srv/akten“ hinzufügen und einlesen?', 'Den Ordner „/srv/akten“ hinzufügen und einlesen?']);
    expect(asked[0]!.type).toBe('question');
  });

  it('always asks, with the warning, for a network path, even one chosen in the dialog', async () => {
    const asked: FolderConfirmation[] = [];
    const gate = new FolderGate({ confirm: async (c) => (asked.push(c), true), networkRoots: async () => [{ root: '/mnt/akten', remote: '//srv/akten' }] });
    gate.chosen('/mnt/akten/2024');
    expect(await gate.admit('/mnt/akten/2024')).toBe('admitted');
    expect(await gate.admit('\\\\evil.example\\share')).toBe('admitted');
    expect(asked.map((c) => [c.type, c.detail.match(/\(([^)]+)\)/)?.[1]])).toEqual([
      ['warning', '//srv/akten'],
      ['warning', '\\\\evil.example\\share'],
    ]);
  });

  it('refuses a network path chosen in the dialog when it cannot ask', async () => {
    const gate = new FolderGate();
    gate.chosen('\\\\srv\\akten');
    expect(await gate.admit('\\\\srv\\akten')).toBe('refused');
  });

  it('still applies the path rules when the mounts cannot be read', async () => {
    const gate = new FolderGate({
      confirm: yes,
      networkRoots: async () => {
        throw new Error('net use failed');
      },
    });
    gate.chosen('/home/a');
    expect(await gate.admit('/home/a')).toBe('admitted');
    const refusing = new FolderGate({ networkRoots: async () => Promise.reject(new Error('x')) });
    refusing.chosen('//srv/a');
    expect(await refusing.admit('//srv/a')).toBe('refused');
  });

  it('opens one dialog at a time: a second request while one is open is refused', async () => {
    let release: (answer: boolean) => void = () => {};
    const confirm = vi.fn(() => new Promise<boolean>((done) => (release = done)));
    const gate = new FolderGate({ confirm });
    const first = gate.admit('/srv/a');
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    expect(await gate.admit('/srv/b')).toBe('refused');
    release(true);
    expect(await first).toBe('admitted');
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('refuses when the dialog itself fails', async () => {
    const gate = new FolderGate({ confirm: async () => Promise.reject(new Error('no window')) });
    expect(await gate.admit('/srv/a')).toBe('refused');
  });
});
