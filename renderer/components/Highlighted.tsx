/** Text with the given [start, end) ranges marked, for search snippets and passages. */
export function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  [...ranges]
    .sort((a, b) => a[0] - b[0])
    .forEach(([start, end], i) => {
      if (start < at) return;
      if (start > at) parts.push(text.slice(at, start));
      parts.push(<mark key={i}>{text.slice(start, end)}</mark>);
      at = end;
    });
  parts.push(text.slice(at));
  return <>{parts}</>;
}
