// The popover beside a highlighted mention: what the report says Russian voices think of an actor.
// Presentational only: the content script mounts it in a shadow root and passes data and callbacks.
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Entity, Footnote } from '../../core/pack/schema';
import { useEntityLookup } from './entity-lookup';
import type { EntityResolver, Lookup } from './entity-lookup';
import { EntityView } from './EntityView';
import { activeElementFor, nextTabbable } from './focus';
import { kindLabel, scriptLang } from './labels';
import type { ReportRef } from './Sources';

export type SavedState = 'idle' | 'saving' | 'saved' | 'error';
export type { EntityResolver, ReportRef };

export interface PopoverProps {
  /** The mentioned entity; null while loading or when it could not be loaded. */
  entity: Entity | null;
  loading?: boolean;
  /** Why the entity could not be shown; rendered as text. */
  error?: string;
  /** The form used on the page ("Роскомнадзора"). */
  surface: string;
  footnotes(n: number): Footnote | undefined;
  /** Related topics; may return a promise (shown with placeholders while it loads). */
  resolveEntity: EntityResolver;
  report: ReportRef;
  onSave(): void;
  onDisableSite(): void;
  onOpenLibrary(entityId: string): void;
  onClose(): void;
  savedState?: SavedState;
  /** Focus the heading on open (default). Pass false when opened by hover, so reading is not interrupted. */
  initialFocus?: boolean;
  /** Offered as a "Try again" button in the error state when given. */
  onRetry?(): void;
  /** Once saved: adds a note and tags to the new highlight (offered only when given). */
  onAnnotate?(note: string, tags: string[]): Promise<void>;
}

interface TrailStep {
  id: string;
  /** The related-topic button that opened this step, focused again on Back. */
  from: string;
  /** Scroll position of the previous view, restored on Back. */
  scrollTop: number;
}

type PendingFocus = { to: 'heading' } | { to: 'related'; id: string } | null;

const SAVE_LABEL: Record<SavedState, string> = {
  idle: 'Save highlight',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Save highlight',
};

const SAVE_STATUS: Record<SavedState, string> = {
  idle: '',
  saving: 'Saving the highlight…',
  saved: 'Highlight saved to your library.',
  error: 'Could not save the highlight. Try again.',
};

function Skeleton({ label, id }: { label: string; id: string }) {
  return (
    <div class="kx-skeleton" aria-busy="true">
      <p id={id} class="kx-sr-only">{label}</p>
      <span class="kx-bone" aria-hidden="true" />
      <span class="kx-bone" aria-hidden="true" />
      <span class="kx-bone kx-bone--heading" aria-hidden="true" />
      <span class="kx-bone" aria-hidden="true" />
      <span class="kx-bone" aria-hidden="true" />
      <span class="kx-bone" aria-hidden="true" />
    </div>
  );
}

export function Popover(props: PopoverProps) {
  const {
    entity, loading = false, error, surface, footnotes, resolveEntity, report,
    onSave, onDisableSite, onOpenLibrary, onClose, savedState = 'idle', initialFocus = true, onRetry, onAnnotate,
  } = props;
  const baseId = `kx${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const titleId = `${baseId}-title`;
  const descId = `${baseId}-desc`;
  const [trail, setTrail] = useState<{ root: string | undefined; steps: TrailStep[] }>({ root: entity?.id, steps: [] });
  const lookup = useEntityLookup(resolveEntity);
  const dialogRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<PendingFocus>(initialFocus ? { to: 'heading' } : null);
  const pendingScroll = useRef<number | null>(null);

  // A new mention starts a new trail (the host may reuse one popover for several mentions).
  const steps = trail.root === entity?.id ? trail.steps : [];
  const setSteps = (next: TrailStep[]) => setTrail({ root: entity?.id, steps: next });

  useLayoutEffect(() => {
    if (pendingScroll.current !== null && bodyRef.current) {
      bodyRef.current.scrollTop = pendingScroll.current;
      pendingScroll.current = null;
    }
    const want = pendingFocus.current;
    if (!want) return;
    pendingFocus.current = null;
    const target = want.to === 'related'
      ? bodyRef.current?.querySelector<HTMLElement>(`[data-related-id="${want.id}"]`) ?? headingRef.current
      : headingRef.current;
    target?.focus({ preventScroll: true });
  });

  const openRelated = (id: string) => {
    pendingFocus.current = { to: 'heading' };
    pendingScroll.current = 0;
    setSteps([...steps, { id, from: id, scrollTop: bodyRef.current?.scrollTop ?? 0 }]);
  };

  const goBack = () => {
    const last = steps[steps.length - 1];
    if (!last) return;
    pendingFocus.current = { to: 'related', id: last.from };
    pendingScroll.current = last.scrollTop;
    setSteps(steps.slice(0, -1));
  };

  const onKeyDown = (e: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      // Keep the page's own Escape handlers (modals, menus) from reacting as well.
      e.stopPropagation();
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key === 'Tab' && dialogRef.current) {
      const next = nextTabbable(dialogRef.current, activeElementFor(dialogRef.current), e.shiftKey);
      e.preventDefault();
      next?.focus();
    }
  };

  // What to show: the page's mention (trail empty) or the related topic at the top of the trail.
  const step = steps[steps.length - 1];
  const found: Lookup | undefined = step ? lookup(step.id) : undefined;
  const previous = step
    ? (steps.length > 1 ? lookupName(lookup(steps[steps.length - 2]!.id)) : entity?.names.en)
    : undefined;

  let state: 'loading' | 'error' | 'content';
  let shown: Entity | undefined;
  let title: string;
  let titleLang: string | undefined;
  let message = '';
  if (step) {
    if (found?.status === 'ready') {
      state = 'content';
      shown = found.entity;
      title = shown.names.en;
    } else if (found?.status === 'loading') {
      state = 'loading';
      title = 'Related topic';
    } else {
      state = 'error';
      title = 'Related topic';
      message = 'This topic is not in the context pack.';
    }
  } else if (loading) {
    state = 'loading';
    title = surface;
    titleLang = scriptLang(surface);
  } else if (error || !entity) {
    state = 'error';
    title = surface;
    titleLang = scriptLang(surface);
    message = error || 'Nothing is known about this mention.';
  } else {
    state = 'content';
    shown = entity;
    title = entity.names.en;
  }

  const atRoot = !step;
  const showSurface = atRoot && state === 'content' && surface.trim() !== '' &&
    surface.trim().toLowerCase() !== title.toLowerCase();
  const saveBusy = savedState === 'saving' || savedState === 'saved';

  return (
    <div
      ref={dialogRef}
      class="kx-popover"
      role="dialog"
      lang="en"
      dir="ltr"
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-state={state}
      onKeyDown={onKeyDown}
    >
      <div class="kx-header">
        <div class="kx-header-main">
          {!atRoot && (
            <button
              type="button"
              class="kx-back"
              aria-label={previous ? `Back to ${previous}` : 'Back'}
              onClick={goBack}
            >
              <span aria-hidden="true">← </span>Back
            </button>
          )}
          {shown && <p class="kx-kind">{kindLabel(shown.kind)}</p>}
          <h2 id={titleId} ref={headingRef} tabIndex={-1} class="kx-title" lang={titleLang}>
            {title}
          </h2>
          {showSurface && (
            <p class="kx-surface">
              {'On this page: '}
              <span lang={scriptLang(surface)}>“{surface}”</span>
            </p>
          )}
        </div>
        <button type="button" class="kx-close" aria-label="Close" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>

      <div class="kx-body" ref={bodyRef}>
        {state === 'loading' && (
          <Skeleton id={descId} label={atRoot ? 'Loading context for this mention…' : 'Loading the related topic…'} />
        )}
        {state === 'error' && (
          <div class="kx-error">
            <p id={descId} role="alert">{message}</p>
            {atRoot && onRetry && (
              <button type="button" class="kx-button" onClick={onRetry}>Try again</button>
            )}
          </div>
        )}
        {state === 'content' && shown && (
          <EntityView
            key={shown.id}
            entity={shown}
            footnotes={footnotes}
            report={report}
            lookup={lookup}
            onOpenRelated={openRelated}
            descriptionId={descId}
            idPrefix={baseId}
          />
        )}
      </div>

      <div class="kx-footer">
        {atRoot && savedState === 'saved' && onAnnotate && <NoteForm onAnnotate={onAnnotate} />}
        {shown && (
          <div class="kx-actions">
            {atRoot && (
              <button
                type="button"
                class="kx-button kx-button--primary"
                data-saved={savedState}
                aria-disabled={saveBusy ? 'true' : undefined}
                onClick={() => {
                  if (!saveBusy) onSave();
                }}
              >
                {savedState === 'saved' && <span aria-hidden="true">✓ </span>}
                {SAVE_LABEL[savedState]}
              </button>
            )}
            <button type="button" class="kx-button" onClick={() => onOpenLibrary(shown.id)}>
              Open in library
            </button>
          </div>
        )}
        <div class="kx-footer-row">
          <p role="status" class={`kx-status kx-status--${savedState}`}>{atRoot ? SAVE_STATUS[savedState] : ''}</p>
          <button
            type="button"
            class="kx-button kx-button--quiet"
            title="Stop highlighting mentions on this site"
            onClick={onDisableSite}
          >
            Not on this site
          </button>
        </div>
      </div>
    </div>
  );
}

/** Splits "sco, 2019 treaty; RKN" into tags. */
export function parseTags(input: string): string[] {
  return input
    .split(/[,;]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** A note and tags for the highlight just saved, without leaving the page. */
function NoteForm({ onAnnotate }: { onAnnotate(note: string, tags: string[]): Promise<void> }) {
  const [note, setNote] = useState('');
  const [tags, setTags] = useState('');
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const id = useId();
  const submit = async (e: Event) => {
    e.preventDefault();
    if (state === 'saving' || (!note.trim() && !tags.trim())) return;
    setState('saving');
    try {
      await onAnnotate(note.trim(), parseTags(tags));
      setState('saved');
    } catch {
      setState('error');
    }
  };
  return (
    <form class="kx-note-form" onSubmit={(e) => void submit(e)}>
      <label for={`${id}-note`}>Add a note (optional)</label>
      <textarea
        id={`${id}-note`}
        rows={2}
        value={note}
        onInput={(e) => {
          setNote((e.currentTarget as HTMLTextAreaElement).value);
          if (state === 'saved') setState('idle');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
        }}
      />
      <label for={`${id}-tags`}>Tags, separated by commas</label>
      <input
        id={`${id}-tags`}
        type="text"
        value={tags}
        onInput={(e) => {
          setTags((e.currentTarget as HTMLInputElement).value);
          if (state === 'saved') setState('idle');
        }}
      />
      <div class="kx-note-row">
        <button type="submit" class="kx-button">
          {state === 'saving' ? 'Saving…' : 'Save note'}
        </button>
        <span role="status" class="kx-status">
          {state === 'saved' ? 'Note saved.' : state === 'error' ? 'Could not save the note. Try again.' : ''}
        </span>
      </div>
    </form>
  );
}

function lookupName(found: Lookup): string | undefined {
  return found.status === 'ready' ? found.entity.names.en : undefined;
}
