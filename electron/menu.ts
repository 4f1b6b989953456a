import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

/**
 * The application menu and the context menu as plain templates (built with
 * Menu.buildFromTemplate in main.ts). Every item carries a German label:
 * Electron's own labels for roles are English.
 */

export interface MenuSetup {
  /** app.isPackaged: an installed build has no developer tools in its menu. */
  packaged: boolean;
  /** process.platform: macOS puts "Über" and "Beenden" into a menu named after the app. */
  platform: NodeJS.Platform;
  /** Shows the German "Über Stadtschreiber" box (see aboutBox); macOS shows its own panel. */
  onAbout: () => void;
}

/** The "Über Stadtschreiber" box on Windows and Linux (Electron's own about box there is partly English). */
export function aboutBox(version: string) {
  return {
    type: 'info' as const,
    title: 'Über Stadtschreiber',
    message: `Stadtschreiber ${version}`,
    detail: 'Desktop-Assistent für Kommunalverwaltungen: Recherche mit Quellen und Briefentwürfe, mit lokalen Sprachmodellen über Ollama. Ihre Dokumente und Fragen verlassen das Netz Ihrer Verwaltung nicht.',
    buttons: ['OK'],
    noLink: true,
  };
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function applicationMenuTemplate({ packaged, platform, onAbout }: MenuSetup): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = mac ? { role: 'about', label: 'Über Stadtschreiber' } : { label: 'Über Stadtschreiber', click: () => onAbout() };
  const quit: MenuItemConstructorOptions = { role: 'quit', label: 'Beenden' };

  const development: MenuItemConstructorOptions[] = packaged
    ? []
    : [separator, { role: 'reload', label: 'Neu laden' }, { role: 'toggleDevTools', label: 'Entwicklerwerkzeuge' }];

  return [
    ...(mac
      ? [{ label: 'Stadtschreiber', submenu: [about, separator, { role: 'hide', label: 'Stadtschreiber ausblenden' }, { role: 'hideOthers', label: 'Andere ausblenden' }, { role: 'unhide', label: 'Alle einblenden' }, separator, quit] } satisfies MenuItemConstructorOptions]
      : [{ label: 'Datei', submenu: [quit] } satisfies MenuItemConstructorOptions]),
    {
      label: 'Bearbeiten',
      submenu: [
        { role: 'undo', label: 'Rückgängig' },
        { role: 'redo', label: 'Wiederholen' },
        separator,
        { role: 'cut', label: 'Ausschneiden' },
        { role: 'copy', label: 'Kopieren' },
        { role: 'paste', label: 'Einfügen' },
        separator,
        { role: 'selectAll', label: 'Alles auswählen' },
      ],
    },
    {
      label: 'Ansicht',
      submenu: [
        { role: 'zoomIn', label: 'Vergrößern' },
        { role: 'zoomOut', label: 'Verkleinern' },
        { role: 'resetZoom', label: 'Originalgröße' },
        separator,
        { role: 'togglefullscreen', label: 'Vollbild' },
        ...development,
      ],
    },
    ...(mac ? [] : [{ label: 'Hilfe', submenu: [about] } satisfies MenuItemConstructorOptions]),
  ];
}

/** What the context menu needs of Electron's context-menu event. */
export type ContextMenuInput = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags' | 'misspelledWord' | 'dictionarySuggestions'>;

export interface ContextMenuSetup {
  /** Whether the spellchecker runs (see SPELLCHECK): without it there is no suggestions section. */
  spellcheck: boolean;
  /** Replaces the misspelled word (webContents.replaceMisspelling). */
  replaceMisspelling: (suggestion: string) => void;
}

/**
 * The right-click menu: Ausschneiden, Kopieren, Einfügen where they apply,
 * and the spellchecker's suggestions above them. Empty when there is nothing
 * to offer (then no menu is shown).
 */
export function contextMenuTemplate(params: ContextMenuInput, setup: ContextMenuSetup): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (setup.spellcheck && params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, 5);
    if (suggestions.length === 0) items.push({ label: 'Keine Vorschläge', enabled: false });
    for (const suggestion of suggestions) items.push({ label: suggestion, click: () => setup.replaceMisspelling(suggestion) });
    items.push(separator);
  }
  const hasSelection = params.selectionText.trim() !== '';
  if (params.isEditable) {
    items.push(
      { role: 'cut', label: 'Ausschneiden', enabled: params.editFlags.canCut },
      { role: 'copy', label: 'Kopieren', enabled: params.editFlags.canCopy },
      { role: 'paste', label: 'Einfügen', enabled: params.editFlags.canPaste },
    );
  } else if (hasSelection) {
    items.push({ role: 'copy', label: 'Kopieren', enabled: params.editFlags.canCopy });
  }
  return items;
}
