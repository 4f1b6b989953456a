import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutBox, applicationMenuTemplate, contextMenuTemplate, type ContextMenuInput, type MenuSetup } from './menu';

/** Every item of a template, submenus included. */
const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

const topLabels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label);
const submenuLabels = (items: MenuItemConstructorOptions[], top: string) =>
  (items.find((i) => i.label === top)!.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator').map((i) => i.label);

/** Words of Electron's English default menu that must never show. */
const ENGLISH = /\b(File|Edit|View|Window|Help|Quit|Exit|Undo|Redo|Cut|Copy|Paste|Select All|Reload|Toggle|Developer|Zoom|Full ?Screen|About)\b/i;

const template = (setup: Omit<MenuSetup, 'onAbout'>, onAbout = () => {}) => applicationMenuTemplate({ ...setup, onAbout });

describe('applicationMenuTemplate', () => {
  const packaged = template({ packaged: true, platform: 'win32' });

  it('has the German menus Datei, Bearbeiten, Ansicht, Hilfe with German items', () => {
    expect(topLabels(packaged)).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']);
    expect(submenuLabels(packaged, 'Datei')).toEqual(['Beenden']);
    expect(submenuLabels(packaged, 'Bearbeiten')).toEqual(['Rückgängig', 'Wiederholen', 'Ausschneiden', 'Kopieren', 'Einfügen', 'Alles auswählen']);
    expect(submenuLabels(packaged, 'Ansicht')).toEqual(['Vergrößern', 'Verkleinern', 'Originalgröße', 'Vollbild']);
    expect(submenuLabels(packaged, 'Hilfe')).toEqual(['Über Stadtschreiber']);
  });

  it('uses Electron’s roles, so shortcuts and behaviour are the system’s', () => {
    const roles = flatten(packaged).map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']);
  });

  it('shows the German about box from Hilfe → Über Stadtschreiber', () => {
    const onAbout = vi.fn();
    const about = flatten(template({ packaged: true, platform: 'linux' }, onAbout)).find((i) => i.label === 'Über Stadtschreiber')!;
    (about.click as () => void)();
    expect(onAbout).toHaveBeenCalledTimes(1);
    expect(aboutBox('0.1.0')).toMatchObject({ title: 'Über Stadtschreiber', message: 'Stadtschreiber 0.1.0', buttons: ['OK'] });
    expect(aboutBox('0.1.0').detail).toContain('Kommunalverwaltungen');
  });

  it.each([
    ['win32', true],
    ['win32', false],
    ['linux', true],
    ['darwin', true],
    ['darwin', false],
  ] as const)('labels every item in German, none left to Electron’s English defaults (%s, packaged: %s)', (platform, isPackaged) => {
    const items = flatten(template({ packaged: isPackaged, platform }));
    for (const item of items) {
      if (item.type === 'separator') continue;
      expect(item.label, JSON.stringify(item)).toMatch(/\S/);
      expect(item.label).not.toMatch(ENGLISH);
    }
  });

  it.each(['win32', 'linux', 'darwin'] as const)('offers no developer tools and no reload in a packaged build (%s)', (platform) => {
    const items = flatten(template({ packaged: true, platform }));
    expect(items.some((i) => i.role === 'toggleDevTools' || i.role === 'reload' || i.role === 'forceReload')).toBe(false);
    expect(JSON.stringify(items)).not.toMatch(/Toggle Developer Tools|Entwicklerwerkzeuge/);
  });

  it('offers the developer tools, in German, only in development', () => {
    const items = flatten(template({ packaged: false, platform: 'win32' }));
    expect(items.find((i) => i.role === 'toggleDevTools')).toMatchObject({ label: 'Entwicklerwerkzeuge' });
    expect(items.find((i) => i.role === 'reload')).toMatchObject({ label: 'Neu laden' });
  });

  it('on macOS puts Über and Beenden into the menu named after the app', () => {
    const mac = template({ packaged: true, platform: 'darwin' });
    expect(topLabels(mac)).toEqual(['Stadtschreiber', 'Bearbeiten', 'Ansicht']);
    expect(submenuLabels(mac, 'Stadtschreiber')).toEqual(['Über Stadtschreiber', 'Stadtschreiber ausblenden', 'Andere ausblenden', 'Alle einblenden', 'Beenden']);
  });
});

const flags = { canUndo: true, canRedo: true, canCut: true, canCopy: true, canPaste: true, canDelete: true, canSelectAll: true, canEditRichly: false };
const params = (over: Partial<ContextMenuInput> = {}): ContextMenuInput => ({ isEditable: false, selectionText: '', editFlags: flags, misspelledWord: '', dictionarySuggestions: [], ...over });
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => (i.type === 'separator' ? '—' : i.label));

describe('contextMenuTemplate', () => {
  const setup = { spellcheck: false, replaceMisspelling: () => {} };

  it('offers Ausschneiden, Kopieren, Einfügen in a text field, enabled as the field allows', () => {
    const items = contextMenuTemplate(params({ isEditable: true, editFlags: { ...flags, canCut: false, canCopy: false } }), setup);
    expect(labels(items)).toEqual(['Ausschneiden', 'Kopieren', 'Einfügen']);
    expect(items.map((i) => i.role)).toEqual(['cut', 'copy', 'paste']);
    expect(items.map((i) => i.enabled)).toEqual([false, false, true]);
  });

  it('offers only Kopieren for selected text outside a field, and nothing without a selection', () => {
    expect(labels(contextMenuTemplate(params({ selectionText: '§ 2 Steuersatz' }), setup))).toEqual(['Kopieren']);
    expect(contextMenuTemplate(params({ selectionText: '  ' }), setup)).toEqual([]);
  });

  it('shows no suggestions section while the spellchecker is off, even if Chromium sent some', () => {
    const items = contextMenuTemplate(params({ isEditable: true, misspelledWord: 'Hundesteur', dictionarySuggestions: ['Hundesteuer'] }), setup);
    expect(labels(items)).toEqual(['Ausschneiden', 'Kopieren', 'Einfügen']);
  });

  it('with the spellchecker on, puts up to five suggestions above a separator, each replacing the word', () => {
    const replaceMisspelling = vi.fn();
    const suggestions = ['Hundesteuer', 'Hundesteuern', 'Hundsteuer', 'Hunde steuer', 'Hundesteuer-', 'zu viel'];
    const items = contextMenuTemplate(params({ isEditable: true, misspelledWord: 'Hundesteur', dictionarySuggestions: suggestions }), { spellcheck: true, replaceMisspelling });
    expect(labels(items)).toEqual([...suggestions.slice(0, 5), '—', 'Ausschneiden', 'Kopieren', 'Einfügen']);
    (items[0]!.click as () => void)();
    expect(replaceMisspelling).toHaveBeenCalledWith('Hundesteuer');
  });

  it('with the spellchecker on and no suggestion, says so in German', () => {
    const items = contextMenuTemplate(params({ isEditable: true, misspelledWord: 'Xqzw' }), { spellcheck: true, replaceMisspelling: () => {} });
    expect(items[0]).toMatchObject({ label: 'Keine Vorschläge', enabled: false });
  });
});
