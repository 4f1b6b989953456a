import { useEffect, useRef, useState } from 'react';
import { getApi } from './api';
import { OllamaStatusBadge } from './components/OllamaStatusBadge';
import { EinstellungenPage } from './pages/EinstellungenPage';
import { DokumentePage } from './pages/DokumentePage';
import { EntwuerfePage } from './pages/EntwuerfePage';
import { RecherchePage } from './pages/RecherchePage';
import { de, type PageId } from './strings';

const PAGES: PageId[] = ['recherche', 'entwuerfe', 'dokumente', 'einstellungen'];

export function App() {
  const api = getApi();
  const [page, setPage] = useState<PageId>('recherche');
  const mainRef = useRef<HTMLElement>(null);
  const shownPage = useRef(page);

  // Moving focus to the new page's heading tells screen-reader users where they are.
  // Only on a change of page: at start, focus stays at the top for the skip link.
  useEffect(() => {
    if (shownPage.current === page) return;
    shownPage.current = page;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [page]);

  if (!api) {
    return (
      <main className="fatal" role="alert">
        {de.noBridge}
      </main>
    );
  }

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        {de.skipToContent}
      </a>
      <header className="app-header">
        <span className="app-name">{de.appName}</span>
        <OllamaStatusBadge api={api} />
      </header>
      <nav className="app-nav" aria-label={de.nav.label}>
        <ul>
          {PAGES.map((id) => (
            <li key={id}>
              <button type="button" aria-current={page === id ? 'page' : undefined} onClick={() => setPage(id)}>
                {de.nav[id]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="content" ref={mainRef} className="app-main">
        {page === 'recherche' && <RecherchePage api={api} />}
        {page === 'dokumente' && <DokumentePage api={api} />}
        {page === 'entwuerfe' && <EntwuerfePage api={api} />}
        {page === 'einstellungen' && <EinstellungenPage api={api} />}
      </main>
    </div>
  );
}
