import { useMemo, useState } from 'react';
import type { TemplateFieldType, TemplateInfo } from '../../../main/contract';
import { de } from '../../strings';

const t = de.pages.entwuerfe;

interface Props {
  templates: TemplateInfo[];
  problems: string[];
  onCreate: (templateId: string) => void;
  onImport: () => void;
  onDeleteTemplate: (template: TemplateInfo) => void;
  /** Changes the type of a field of an imported Word template (date, amount, …). */
  onSetFieldType?: (template: TemplateInfo, fieldId: string, type: TemplateFieldType) => void;
}

const FIELD_TYPES = Object.keys(t.fieldTypes) as TemplateFieldType[];

/** The fields of an imported template with a type select each (a choice only where the document lists options). */
function FieldTypes({ template, onSetFieldType }: { template: TemplateInfo; onSetFieldType: NonNullable<Props['onSetFieldType']> }) {
  return (
    <details className="template-fields">
      <summary>{t.fieldTypesTitle(template.fields.length)}</summary>
      <p className="field__help">{t.fieldTypesHelp}</p>
      <ul>
        {template.fields.map((field) => (
          <li key={field.id}>
            <label>
              {field.label}{' '}
              <select
                aria-label={t.fieldTypeFor(field.label)}
                value={field.type}
                onChange={(e) => onSetFieldType(template, field.id, e.target.value as TemplateFieldType)}
              >
                {FIELD_TYPES.filter((type) => type !== 'choice' || field.options.length > 0).map((type) => (
                  <option key={type} value={type}>
                    {t.fieldTypes[type]}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}

const normalise = (text: string) => text.toLocaleLowerCase('de').normalize('NFKD').replace(/\p{M}/gu, '');

/** Find a template by words and category, and start a draft from it. */
export function TemplatePicker({ templates, problems, onCreate, onImport, onDeleteTemplate, onSetFieldType }: Props) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const categories = useMemo(() => [...new Set(templates.map((x) => x.category))].sort((a, b) => a.localeCompare(b, 'de')), [templates]);
  const words = normalise(query).split(/\s+/).filter(Boolean);
  const shown = templates.filter(
    (x) => (!category || x.category === category) && words.every((w) => normalise(`${x.title} ${x.description} ${x.category}`).includes(w)),
  );

  return (
    <section className="template-picker" aria-labelledby="templates-title">
      <h2 id="templates-title">{t.templates}</h2>
      <div className="search-filters">
        <label>
          {t.templateSearch}
          <input type="search" value={query} aria-describedby="template-search-help" onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label>
          {t.category}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t.allCategories}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id="template-search-help" className="field__help">
        {t.templateSearchHelp}
      </p>
      {shown.length === 0 ? (
        <p className="empty-state">{t.noTemplates}</p>
      ) : (
        <ul className="template-list" data-testid="template-list">
          {shown.map((x) => (
            <li key={x.id}>
              <div>
                <h3 className="template-title">{x.title}</h3>
                <p className="notice">
                  {x.category}
                  {x.source === 'imported' && ` · ${t.imported}`}
                </p>
                <p className="template-description">{x.description}</p>
                {x.source === 'imported' && onSetFieldType && <FieldTypes template={x} onSetFieldType={onSetFieldType} />}
              </div>
              <div className="template-actions">
                <button type="button" className="primary" aria-label={t.newDraftFor(x.title)} onClick={() => onCreate(x.id)}>
                  {t.newDraft}
                </button>
                {x.source === 'imported' && (
                  <button type="button" aria-label={t.deleteTemplate(x.title)} onClick={() => onDeleteTemplate(x)}>
                    {t.delete}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" aria-describedby="import-help" onClick={onImport}>
          {t.importWord}
        </button>
      </div>
      <p id="import-help" className="field__help">
        {t.importWordHelp}
      </p>
      {problems.length > 0 && (
        <>
          <h3>{t.templateProblems}</h3>
          <ul className="error-text">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
