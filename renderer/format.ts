const gigabytes = new Intl.NumberFormat('de-DE', { style: 'unit', unit: 'gigabyte', maximumFractionDigits: 1 });
const megabytes = new Intl.NumberFormat('de-DE', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 });

/** "4,7 GB", "566 MB": model sizes as German readers expect them. */
export const formatSize = (bytes: number) => (bytes >= 1e9 ? gigabytes.format(bytes / 1e9) : megabytes.format(bytes / 1e6));
