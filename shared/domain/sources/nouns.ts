/**
 * The plural noun a count of a dataset's records uses ("1,204 of 5,000 calls"), by dataset kind;
 * unknown kinds (partner, other, a combination of sources) say "records".
 */
const NOUNS: Readonly<Record<string, string>> = {
  incidents: 'incidents',
  calls: 'calls',
  arrests: 'arrests',
  'field-interviews': 'field contacts',
  probation: 'supervision terms',
  hospital: 'injury records',
  facilities: 'facilities',
};

/** "incidents", "calls", "field contacts", ...; "records" for any other kind or null. */
export function recordNoun(kind: string | null | undefined): string {
  return (kind && NOUNS[kind]) || 'records';
}
