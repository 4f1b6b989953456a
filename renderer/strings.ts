/** Every text the interface shows, in one place, so another language can be added. */
export const de = {
  appName: 'Stadtschreiber',
  skipToContent: 'Zum Inhalt springen',
  nav: {
    label: 'Hauptnavigation',
    recherche: 'Recherche',
    entwuerfe: 'Entwürfe',
    dokumente: 'Dokumente',
    einstellungen: 'Einstellungen',
  },
  status: {
    checking: 'Ollama: wird geprüft …',
    connected: (count: number) => `Ollama: verbunden · ${count} ${count === 1 ? 'Modell' : 'Modelle'}`,
    unreachable: 'Ollama: nicht erreichbar',
    unreachableHint: 'KI-Funktionen sind ausgeschaltet.',
    refresh: 'Verbindung erneut prüfen',
  },
  pages: {
    recherche: {
      title: 'Recherche',
      intro:
        'Hier durchsuchen Sie die Dienstanweisungen, Satzungen und Gesetze Ihrer Verwaltung und erhalten Antworten mit Quellenangabe.',
      empty: 'Es sind noch keine Dokumente indexiert. Fügen Sie unter „Dokumente“ einen Ordner hinzu.',
    },
    entwuerfe: {
      title: 'Entwürfe',
      intro: 'Hier entstehen Schreiben aus Vorlagen – Anhörungen, Nachforderungen, Antworten an Bürgerinnen und Bürger.',
      empty: 'Noch keine Entwürfe vorhanden.',
    },
    dokumente: {
      title: 'Dokumente',
      intro: 'Hier verwalten Sie die Ordner, deren Dokumente Stadtschreiber durchsucht.',
      empty: 'Noch keine Ordner hinzugefügt.',
    },
    einstellungen: {
      title: 'Einstellungen',
      ollamaSection: 'Sprachmodelle (Ollama)',
      ollamaHost: 'Adresse des Ollama-Servers',
      ollamaHostHelp: (effective: string, source: string) =>
        `Leer lassen für die automatische Adresse. Derzeit verwendet: ${effective} (${source}).`,
      sourceNames: { settings: 'aus den Einstellungen', environment: 'aus OLLAMA_HOST', default: 'Standard' },
      chatModel: 'Chat-Modell',
      chatModelHelp: 'Für Antworten und Entwürfe, z. B. qwen2.5:7b oder llama3.1:8b.',
      embeddingModel: 'Embedding-Modell',
      embeddingModelHelp: 'Für die semantische Suche, z. B. bge-m3.',
      installedModels: 'Installierte Modelle',
      noModels: 'Keine Modelle gefunden.',
      testConnection: 'Verbindung testen',
      letterheadSection: 'Briefkopf',
      letterhead: {
        authority: 'Behörde',
        department: 'Fachbereich / Amt',
        street: 'Straße und Hausnummer',
        postalCode: 'Postleitzahl',
        city: 'Ort',
        contactPerson: 'Ansprechpartner/in',
        phone: 'Telefon',
        email: 'E-Mail',
        website: 'Internetseite',
        openingHours: 'Sprechzeiten',
        bankName: 'Bank',
        iban: 'IBAN',
        bic: 'BIC',
      },
      save: 'Speichern',
      saving: 'Wird gespeichert …',
      saved: 'Einstellungen gespeichert.',
      saveFailed: 'Nicht gespeichert. Bitte prüfen Sie die markierten Felder.',
      loading: 'Einstellungen werden geladen …',
    },
  },
  noBridge:
    'Die Verbindung zum Programmkern fehlt. Bitte starten Sie Stadtschreiber über die Desktop-Anwendung.',
} as const;

export type PageId = keyof typeof de.pages;
