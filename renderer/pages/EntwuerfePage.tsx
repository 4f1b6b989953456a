import { useCallback, useEffect, useState } from 'react';
import type { Api, DraftSummary, Result, TemplateFieldType, TemplateInfo, TemplateList } from '../../main/contract';
import { callSafely } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { de } from '../strings';
import { DraftEditor } from './drafts/DraftEditor';
import { DraftList } from './drafts/DraftList';
import { TemplatePicker } from './drafts/TemplatePicker';

const t = de.pages.entwuerfe;

/** Letters from templates: choose a template or a saved draft, then fill, review and export it. */
export function EntwuerfePage({ api }: { api: Api }) {
  const [templates, setTemplates] = useState<TemplateList | null>(null);
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const [openId, setOpenId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const loadTemplates = useCallback(async () => {
    const r = await callSafely(api.listTemplates(undefined));
    if (r.ok) setTemplates(r.value);
    else setError(r.error.message);
  }, [api]);
  const loadDrafts = useCallback(async () => {
    const r = await callSafely(api.listDrafts(undefined));
    if (r.ok) setDrafts(r.value);
    else setError(r.error.message);
  }, [api]);
  useEffect(() => {
    void loadTemplates();
    void loadDrafts();
  }, [loadTemplates, loadDrafts]);

  const act = async <T,>(call: Promise<Result<T>>, then: (value: T) => void) => {
    setError(null);
    setNotice(null);
    const r = await callSafely(call);
    if (r.ok) then(r.value);
    else setError(r.error.message);
  };

  const create = (templateId: string) => void act(api.createDraft({ templateId }), (d) => (setOpenId(d.id), void loadDrafts()));
  const duplicate = (id: number) => void act(api.duplicateDraft({ id }), () => void loadDrafts());
  const remove = (id: number) => void act(api.deleteDraft({ id }), () => void loadDrafts());
  const importWord = () =>
    void act(api.importWordTemplate(undefined), ({ template }) => {
      if (!template) return;
      setNotice(t.importedDone(template.title, template.fields.length));
      void loadTemplates();
    });
  const deleteTemplate = (template: TemplateInfo) => void act(api.deleteTemplate({ id: template.id }), () => void loadTemplates());
  const setFieldType = (template: TemplateInfo, fieldId: string, type: TemplateFieldType) =>
    void act(api.setTemplateFieldType({ templateId: template.id, fieldId, type }), (info) => {
      setNotice(t.fieldTypeChanged(info.fields.find((f) => f.id === fieldId)?.label ?? fieldId, t.fieldTypes[type]));
      void loadTemplates();
    });

  return (
    <section aria-labelledby="heading-entwuerfe" className="entwuerfe">
      <PageHeading id="heading-entwuerfe">{t.title}</PageHeading>
      {openId !== null ? (
        <DraftEditor
          key={openId}
          api={api}
          draftId={openId}
          onChanged={() => void loadDrafts()}
          onClose={() => {
            setOpenId(null);
            void loadDrafts();
          }}
        />
      ) : (
        <>
          <p>{t.intro}</p>
          <ErrorAlert message={error} />
          {notice && (
            <p role="status" className="save-state--saved">
              {notice}
            </p>
          )}
          <div className="entwuerfe-columns">
            {templates ? (
              <TemplatePicker templates={templates.templates} problems={templates.problems} onCreate={create} onImport={importWord} onDeleteTemplate={deleteTemplate} onSetFieldType={setFieldType} />
            ) : (
              <p>{t.loading}</p>
            )}
            <DraftList drafts={drafts} onOpen={setOpenId} onDuplicate={duplicate} onDelete={remove} />
          </div>
        </>
      )}
    </section>
  );
}
