import { useEffect, useState, type FormEvent } from 'react';
import type { Api, DocumentKind, FolderInfo, Passage, SearchHit, SearchResult } from '../../main/contract';
import { callSafely } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Highlighted } from '../components/Highlighted';
import { HitMeta } from '../components/HitMeta';
import { PageHeading } from '../components/PageHeading';
import { locationOf, SourceView } from '../components/SourceView';
import { ownHeading } from '../format';
import { de } from '../strings';
import { AskPanel } from './research/AskPanel';

const t = de.pages.recherche;
const KINDS: { value: DocumentKind; label: string }[] = [
  { value: 'pdf', label: 'PDF' },
  { value: 'docx', label: 'Word' },
  { value: 'odt', label: 'OpenDocument' },
  { value: 'html', label: 'HTML' },
  { value: 'md', label: 'Markdown' },
  { value: 'txt', label: 'Text' },
];

export function RecherchePage({ api }: { api: Api }) {
  const [query, setQuery] = useState('');
  const [folderId, setFolderId] = useState('');
  const [kind, setKind] = useState('');
  const [folders, setFolders] = useState<FolderInfo[] | null>(null);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passage, setPassage] = useState<Passage | null>(null);
  const [tab, setTab] = useState<'search' | 'ask'>('search');

  useEffect(() => {
    void callSafely(api.listFolders()).then((r) => setFolders(r.ok ? r.value : []));
  }, [api]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!query.trim()) return;
    setBusy(true);
    setError(null);
    setPassage(null);
    const r = await callSafely(
      api.search({ query, limit: 20, ...(folderId ? { folderIds: [Number(folderId)] } : {}), ...(kind ? { kinds: [kind as DocumentKind] } : {}) }),
    );
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error.message);
  };

  const show = async (hit: SearchHit, words = query) => {
    const r = await callSafely(api.getPassage({ chunkId: hit.chunkId, query: words }));
    if (r.ok) setPassage(r.value);
    else setError(r.error.message);
  };

  const sourceView = passage && (
    <SourceView
      passage={passage}
      onClose={() => setPassage(null)}
      onOpen={async () => {
        const r = await callSafely(api.openOriginal({ documentId: passage.hit.documentId }));
        if (!r.ok) setError(r.error.message);
      }}
    />
  );

  const tabs = (
    <div role="tablist" aria-label={t.tabs} className="tabs">
      {(['search', 'ask'] as const).map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`tab-${name}`}
          aria-selected={tab === name}
          aria-controls={`panel-${name}`}
          onClick={() => {
            setTab(name);
            setPassage(null);
          }}
        >
          {name === 'search' ? t.tabSearch : t.tabAsk}
        </button>
      ))}
    </div>
  );

  if (tab === 'ask') {
    return (
      <section aria-labelledby="heading-recherche" className="recherche">
        <PageHeading id="heading-recherche">{t.title}</PageHeading>
        <p>{t.intro}</p>
        {tabs}
        <div role="tabpanel" id="panel-ask" aria-labelledby="tab-ask" className="research-columns">
          <AskPanel api={api} onCite={(hit, question) => void show(hit, question)} />
          {sourceView}
        </div>
        <ErrorAlert message={error} />
      </section>
    );
  }

  return (
    <section aria-labelledby="heading-recherche" className="recherche">
      <PageHeading id="heading-recherche">{t.title}</PageHeading>
      <p>{t.intro}</p>
      {tabs}
      {folders?.length === 0 && <p className="empty-state">{t.empty}</p>}
      <form role="search" onSubmit={submit} className="search-form" id="panel-search" aria-labelledby="tab-search">
        <div className="field">
          <label htmlFor="search-query">{t.queryLabel}</label>
          <input id="search-query" type="search" value={query} aria-describedby="search-help" onChange={(e) => setQuery(e.target.value)} />
          <p id="search-help" className="field__help">
            {t.queryHelp}
          </p>
        </div>
        <div className="search-filters">
          <label>
            {t.folderFilter}
            <select value={folderId} onChange={(e) => setFolderId(e.target.value)}>
              <option value="">{t.allFolders}</option>
              {folders?.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.path}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.kindFilter}
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">{t.allKinds}</option>
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t.searching : t.search}
          </button>
        </div>
      </form>
      <ErrorAlert message={error} />
      <div className="research-columns">
        {result && <ResultList result={result} onShow={(hit) => void show(hit)} />}
        {sourceView}
      </div>
    </section>
  );
}

function ResultList({ result, onShow }: { result: SearchResult; onShow: (hit: SearchHit) => void }) {
  return (
    <div className="results">
      <p role="status" aria-live="polite">
        {result.hits.length === 0 ? t.noResults : t.results(result.hits.length, result.tookMs)}
      </p>
      {result.notice && <p className="notice">{result.notice}</p>}
      <ol className="hit-list" data-testid="hits">
        {result.hits.map((hit) => (
          <li key={hit.chunkId} className="hit">
            <h2 className="hit__title">
              {hit.title}
              <HitMeta hit={hit} />
            </h2>
            <p className="hit__where">{[ownHeading(hit.headingPath), locationOf(hit)].filter(Boolean).join(' · ')}</p>
            <p className="hit__snippet">
              <Highlighted text={hit.snippet} ranges={hit.highlights} />
            </p>
            <button type="button" onClick={() => onShow(hit)} aria-label={`${t.showPassage}: ${hit.title}, ${ownHeading(hit.headingPath)}`}>
              {t.showPassage}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
