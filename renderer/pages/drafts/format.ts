const dateTime = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' });

/** "14.03.2025, 10:42" */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** A stored ISO date ("2025-03-14") as the clerk writes it ("14.03.2025"); anything else unchanged. */
export const germanDate = (value: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
};
