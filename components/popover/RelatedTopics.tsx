// Related topics as buttons that open in place; placeholders while an async resolver loads them.
import type { Lookup } from './entity-lookup';

interface RelatedTopicsProps {
  ids: readonly string[];
  lookup(id: string): Lookup;
  onOpen(id: string): void;
  headingId: string;
}

export function RelatedTopics({ ids, lookup, onOpen, headingId }: RelatedTopicsProps) {
  const entries = ids.map((id) => ({ id, found: lookup(id) }));
  // A topic the pack does not know is left out rather than shown as a dead end.
  const shown = entries.filter((e) => e.found.status !== 'missing');
  if (shown.length === 0) return null;
  const busy = shown.some((e) => e.found.status === 'loading');
  return (
    <div class="kx-block">
      <h3 id={headingId}>Related topics</h3>
      <ul class="kx-related" aria-labelledby={headingId} aria-busy={busy ? 'true' : undefined}>
        {shown.map(({ id, found }) => (
          <li key={id}>
            {found.status === 'ready' ? (
              <button type="button" class="kx-chip" data-related-id={id} onClick={() => onOpen(id)}>
                {found.entity.names.en}
              </button>
            ) : (
              <span class="kx-chip kx-chip--loading">
                <span class="kx-sr-only">Loading a related topic</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
