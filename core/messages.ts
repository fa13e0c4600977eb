// Typed messages between the content script, extension pages and the background.
// Every message is validated on arrival: a page cannot talk to us, but a bug elsewhere can.
// zod/mini: the same zod, tree-shakable, so the content script stays small.
import * as z from 'zod/mini';

const id = z.string().check(z.minLength(1), z.maxLength(200));
const url = z.string().check(z.maxLength(8192));
const count = z.number().check(z.int(), z.nonnegative());

export const requestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pack/info') }),
  z.strictObject({ type: z.literal('entity/get'), id }),
  z.strictObject({ type: z.literal('entity/many'), ids: z.array(id).check(z.maxLength(100)) }),
  z.strictObject({ type: z.literal('entity/list') }),
  z.strictObject({ type: z.literal('footnotes/get'), ns: z.array(z.number().check(z.int(), z.positive())).check(z.maxLength(200)) }),
  z.strictObject({ type: z.literal('highlights/for-page'), url, canonical: z.optional(z.nullable(url)) }),
  z.strictObject({ type: z.literal('highlights/list') }),
  z.strictObject({ type: z.literal('highlights/save'), record: z.unknown() }),
  z.strictObject({ type: z.literal('highlights/update'), id, patch: z.unknown() }),
  z.strictObject({ type: z.literal('highlights/delete'), ids: z.array(id).check(z.maxLength(100_000)) }),
  z.strictObject({ type: z.literal('highlights/restore'), records: z.array(z.unknown()).check(z.maxLength(100_000)) }),
  z.strictObject({ type: z.literal('highlights/anchored'), url, canonical: z.optional(z.nullable(url)), orphans: z.array(id) }),
  z.strictObject({
    type: z.literal('page/mentions'),
    enabled: z.boolean(),
    total: count,
    byEntity: z.record(z.string(), count),
  }),
  z.strictObject({ type: z.literal('site/set'), url, enabled: z.boolean(), scope: z.enum(['host', 'site']) }),
  z.strictObject({ type: z.literal('library/open'), entityId: z.optional(id), highlightId: z.optional(id) }),
  // The library opens a highlight's page; the page's content script then asks where to scroll.
  z.strictObject({ type: z.literal('page/open-highlight'), url, highlightId: id }),
  z.strictObject({ type: z.literal('page/pending-highlight') }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

/** Parses an incoming message; returns null for anything that is not ours. */
export function parseRequest(raw: unknown): Request | null {
  const r = requestSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** Messages the background or popup send to a tab's content script. */
export const tabRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tab/mentions') }),
  z.strictObject({ type: z.literal('tab/saved') }),
  z.strictObject({ type: z.literal('tab/goto-mention'), entityId: id, index: count }),
  z.strictObject({ type: z.literal('tab/goto-highlight'), id }),
  z.strictObject({ type: z.literal('tab/command'), command: z.string().check(z.maxLength(100)) }),
  z.strictObject({ type: z.literal('tab/highlights-changed') }),
  z.strictObject({ type: z.literal('tab/save-selection') }),
]);
export type TabRequest = z.infer<typeof tabRequestSchema>;

export function parseTabRequest(raw: unknown): TabRequest | null {
  const r = tabRequestSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** Every reply has this envelope so callers can tell a failure from an empty answer. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };
