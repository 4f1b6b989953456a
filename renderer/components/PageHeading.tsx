/** The page's h1; focusable so that navigation can move focus to it. */
export function PageHeading({ id, children }: { id: string; children: string }) {
  return (
    <h1 id={id} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
