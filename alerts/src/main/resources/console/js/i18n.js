// Every visible text comes from a message bundle (i18n/zh.json, i18n/en.json): Chinese by default, English on request.
const LANGUAGES = ['zh', 'en'];
const STORAGE_KEY = 'ecowatch.language';
let messages = {};
let current = 'zh';

export function language() {
  return current;
}

export function otherLanguage() {
  return current === 'zh' ? 'en' : 'zh';
}

/** The BCP 47 locale for Intl formatting. */
export function locale() {
  return current === 'zh' ? 'zh-CN' : 'en-GB';
}

export function preferredLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.includes(stored) ? stored : 'zh';
}

/** Loads a bundle and translates the static page (elements marked data-i18n). */
export async function useLanguage(lang) {
  const chosen = LANGUAGES.includes(lang) ? lang : 'zh';
  const response = await fetch(`i18n/${chosen}.json`, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`message bundle ${chosen} could not be loaded (HTTP ${response.status})`);
  messages = await response.json();
  current = chosen;
  localStorage.setItem(STORAGE_KEY, chosen);
  document.documentElement.lang = locale();
  document.title = t('app.title');
  translate(document);
}

function lookup(key) {
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), messages);
}

export function has(key) {
  return typeof lookup(key) === 'string';
}

/** The message for key, with {name} placeholders filled from params. */
export function t(key, params) {
  const message = lookup(key);
  if (typeof message !== 'string') {
    console.warn(`no message for ${key}`);
    return key;
  }
  return params ? message.replace(/\{(\w+)\}/g, (whole, name) => (params[name] ?? whole)) : message;
}

/** A code's label (rule, status, metric …), or the code itself when the bundle has none (a new rule, say). */
export function label(group, code) {
  if (code == null) return '';
  const message = lookup(group)?.[code]; // codes may hold dots (power.active)
  return typeof message === 'string' ? message : code;
}

/** Fills the elements of root that name a message: data-i18n (text), data-i18n-placeholder, -title, -aria-label. */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  for (const attribute of ['placeholder', 'title', 'aria-label']) {
    const data = `i18n${attribute.replace(/(^|-)(\w)/g, (m, dash, c) => c.toUpperCase())}`;
    root.querySelectorAll(`[data-i18n-${attribute}]`).forEach(el => el.setAttribute(attribute, t(el.dataset[data])));
  }
}

// Formatting in the reader's language and clock.

export function time(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));
}

export function clock(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));
}

/** "3 hours ago", "in 2 hours" … */
export function relative(iso, now = Date.now()) {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(Math.round(seconds), 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400 * 2) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

/** "2 h 15 min": how long, for overdue leads and offline devices. */
export function duration(milliseconds) {
  const minutes = Math.max(0, Math.round(milliseconds / 60000));
  if (minutes < 60) return t('units.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('units.hoursMinutes', { h: hours, m: minutes % 60 });
  return t('units.days', { n: Math.floor(hours / 24) });
}

export function number(value, fractionDigits = 2) {
  if (value == null || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: fractionDigits }).format(value);
}

export function percent(value) {
  if (value == null) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}
