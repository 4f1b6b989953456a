import { useEffect, useState } from 'react';
import type { Api, LogoInfo } from '../../../main/contract';
import { callSafely } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { de } from '../../strings';

const t = de.pages.entwuerfe.logo;

/** The letterhead logo: chosen in the open dialog, checked and stored by the core; removable. */
export function LogoSetting({ api }: { api: Api }) {
  const [logo, setLogo] = useState<LogoInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void callSafely(api.getLogo(undefined)).then((r) => r.ok && setLogo(r.value));
  }, [api]);

  const choose = async () => {
    setError(null);
    const r = await callSafely(api.chooseLogo(undefined));
    if (!r.ok) return setError(r.error.message);
    if (r.value.logo) setLogo(r.value.logo);
  };
  const remove = async () => {
    setError(null);
    const r = await callSafely(api.clearLogo(undefined));
    if (r.ok) setLogo(null);
    else setError(r.error.message);
  };

  return (
    <div className="logo-setting" role="group" aria-labelledby="logo-title">
      <h3 id="logo-title">{t.title}</h3>
      <p data-testid="logo-info">{logo ? t.info(logo.mimeType === 'image/png' ? 'PNG' : 'JPEG', logo.width, logo.height, Math.max(1, Math.round(logo.sizeBytes / 1024))) : t.none}</p>
      <p className="field__help">{t.help}</p>
      <div className="form-actions">
        <button type="button" onClick={() => void choose()}>
          {t.choose}
        </button>
        {logo && (
          <button type="button" onClick={() => void remove()}>
            {t.remove}
          </button>
        )}
      </div>
      <ErrorAlert message={error} />
    </div>
  );
}
