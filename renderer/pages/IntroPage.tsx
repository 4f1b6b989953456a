import { PageHeading } from '../components/PageHeading';
import { de } from '../strings';

type IntroPageId = 'entwuerfe';

/** A page whose capability has no content yet: says what it is for and what to do first. */
export function IntroPage({ page }: { page: IntroPageId }) {
  const t = de.pages[page];
  return (
    <section aria-labelledby={`heading-${page}`}>
      <PageHeading id={`heading-${page}`}>{t.title}</PageHeading>
      <p>{t.intro}</p>
      <p className="empty-state">{t.empty}</p>
    </section>
  );
}
