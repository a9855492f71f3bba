/**
 * What a run checked in batches learnt about shared screens in its earlier batches (#26): the
 * screens of each combination of schemes, as read once in this run. A later batch whose projects
 * use the same combination judges them on that read instead of reading the screens again, so a
 * scheme shared by projects in many batches is read once per run, as one call of all of them
 * reads it. Plain JSON: the Forge app keeps it in the run's state between batches.
 *
 * Keys: `create|<class id>|sync` or `edit|<class id>|admin` (who read it: the sync user's view
 * and an administrator's are not interchangeable). Only screens that were read are kept; a class
 * whose screens could not be read, or had no issue to read, is read again in the next batch.
 */
export interface SchemeMemory {
  v: 1;
  reads: Record<string, CarriedRead>;
}

export interface CarriedRead {
  /** The project the screens were read in (a project of an earlier batch). */
  rep: string;
  /** The read as JSON: a create read's screens, or an edit read's screens with field ID lists. */
  read: unknown;
}

export function emptySchemeMemory(): SchemeMemory {
  return { v: 1, reads: {} };
}
