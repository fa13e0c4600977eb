// Sending typed requests to the background and reading its Reply envelope.
import { browser } from 'wxt/browser';
import type { Reply, Request, TabRequest } from '../core/messages';

/** Sends a request to the background; throws with the background's message on failure. */
export async function ask<T>(request: Request): Promise<T> {
  const reply = (await browser.runtime.sendMessage(request)) as Reply<T> | undefined;
  if (!reply) throw new Error('Kontekst’s background did not answer.');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

/** Sends a request to a tab's content script; null when no content script runs there. */
export async function askTab<T>(tabId: number, request: TabRequest): Promise<T | null> {
  try {
    const reply = (await browser.tabs.sendMessage(tabId, request)) as Reply<T> | undefined;
    return reply && reply.ok ? reply.data : null;
  } catch {
    return null; // no receiver: a page we do not run on, or one still loading
  }
}

/** Accepts messages only from our own extension (content scripts, pages, service worker). */
export function isOwnSender(sender: { id?: string }): boolean {
  return sender.id === browser.runtime.id;
}
