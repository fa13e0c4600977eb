// Typed messages between the content script, extension pages and the background.
// Every message is validated on arrival: a page cannot talk to us, but a bug elsewhere can.
import { z } from 'zod';

const id = z.string().min(1).max(200);

export const requestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pack/info') }),
  z.strictObject({ type: z.literal('entity/get'), id }),
  z.strictObject({ type: z.literal('entity/many'), ids: z.array(id).max(100) }),
  z.strictObject({ type: z.literal('entity/list') }),
  z.strictObject({ type: z.literal('footnotes/get'), ns: z.array(z.number().int().positive()).max(200) }),
  z.strictObject({ type: z.literal('highlights/for-page'), url: z.string().max(8192) }),
  z.strictObject({ type: z.literal('highlights/list') }),
  z.strictObject({ type: z.literal('highlights/save'), record: z.unknown() }),
  z.strictObject({ type: z.literal('highlights/update'), id, patch: z.unknown() }),
  z.strictObject({ type: z.literal('highlights/delete'), ids: z.array(id).max(100_000) }),
  z.strictObject({ type: z.literal('highlights/restore'), records: z.array(z.unknown()).max(100_000) }),
  z.strictObject({ type: z.literal('highlights/anchored'), url: z.string().max(8192), orphans: z.array(id) }),
  z.strictObject({
    type: z.literal('page/mentions'),
    total: z.number().int().nonnegative(),
    byEntity: z.record(z.string(), z.number().int().nonnegative()),
  }),
  z.strictObject({ type: z.literal('library/open'), entityId: id.optional(), highlightId: id.optional() }),
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
  z.strictObject({ type: z.literal('tab/goto-mention'), entityId: id, index: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('tab/goto-highlight'), id }),
  z.strictObject({ type: z.literal('tab/command'), command: z.string().max(100) }),
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
