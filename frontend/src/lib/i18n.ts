/** The interface language: English or Vietnamese, remembered in localStorage, with change notifications. */
import { en, vi, type MessageKey } from './messages.ts';

export type Lang = 'en' | 'vi';
const KEY = 'wb.lang';
const listeners = new Set<() => void>();

function stored(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    if (v === 'en' || v === 'vi') return v;
  } catch {
    // storage blocked (private mode): fall through to the default
  }
  return 'en';
}

let current: Lang = stored();

export function lang(): Lang {
  return current;
}

/** Switch language, remember it and tell every subscriber. */
export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    globalThis.localStorage?.setItem(KEY, next);
  } catch {
    // not remembered, still switched
  }
  if (globalThis.document) document.documentElement.lang = next;
  for (const l of listeners) l();
}

/** Call `fn` on every language change; returns the unsubscribe function. */
export function onLangChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * Translate a message key, filling `{name}` placeholders.
 * @example t('progress', { done: 3, total: 10, failed: 0 })
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = (current === 'vi' ? vi[key] : undefined) ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Format a date for the current language. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(current === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
