const gigabytes = new Intl.NumberFormat('de-DE', { style: 'unit', unit: 'gigabyte', maximumFractionDigits: 1 });
const megabytes = new Intl.NumberFormat('de-DE', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 });

/** "4,7 GB", "566 MB": model sizes as German readers expect them. */
export const formatSize = (bytes: number) => (bytes >= 1e9 ? gigabytes.format(bytes / 1e9) : megabytes.format(bytes / 1e6));

/** A heading path (outermost first) as one line: "Hundesteuersatzung › § 5 Steuersatz". */
export const headingLine = (path: readonly string[]) => path.join(' › ');

/** The passage's own heading: the innermost of its path ("§ 5 Steuersatz"); empty when it has none. */
export const ownHeading = (path: readonly string[]) => path.at(-1) ?? '';
