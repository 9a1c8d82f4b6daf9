// Pieces several views share: badges, lead cards, alert lines, errors.
import { h } from './dom.js';
import { t, label, relative, duration, number, time } from './i18n.js';
import { districtName } from './api.js';

export const SEVERITIES = ['CRITICAL', 'MAJOR', 'WARNING', 'INFO'];
export const STATUSES = ['NEW', 'ACCEPTED', 'OUTCOME_REPORTED', 'CLOSED'];
export const OUTCOMES = ['CONFIRMED_VIOLATION', 'NO_VIOLATION', 'EQUIPMENT_FAULT', 'SELF_REPORTED_MINOR'];
const PRIORITY_ORDER = { P1: 1, P2: 2, P3: 3 };

/** Overdue: past its due time with no outcome reported, on this browser's clock (the service's flag may be older). */
export function isOverdue(lead, now = Date.now()) {
  return lead.outcome == null && lead.status !== 'CLOSED' && new Date(lead.dueBy).getTime() < now;
}

/** Most urgent first, as the API lists them: priority, then due time, then opening time. */
export function byUrgency(a, b) {
  return (PRIORITY_ORDER[a.priority] ?? 9) - (PRIORITY_ORDER[b.priority] ?? 9)
    || new Date(a.dueBy) - new Date(b.dueBy)
    || new Date(a.openedAt) - new Date(b.openedAt);
}

/** Keeps the newer of two copies of a lead or an alert (live events can overtake a snapshot being loaded). */
export function newer(current, candidate) {
  if (!current) return candidate;
  return new Date(candidate.updatedAt) >= new Date(current.updatedAt) ? candidate : current;
}

export function priorityBadge(priority) {
  return h('span', { class: `prio prio-${priority}` }, priority);
}

export function statusPill(status) {
  return h('span', { class: `status status-${status}` }, label('status', status));
}

export function severityChip(severity, count) {
  return h('span', { class: `chip sev-${severity}` }, count == null ? label('severity', severity) : `${label('severity', severity)} ${count}`);
}

export function dueText(lead, now = Date.now()) {
  if (lead.status === 'CLOSED') return h('span', { class: 'due' }, t('lead.closedAt', { time: time(lead.updatedAt) }));
  if (lead.outcome != null) return h('span', { class: 'due' }, t('lead.outcomeIn'));
  const due = new Date(lead.dueBy).getTime();
  if (due < now) return h('span', { class: 'due overdue' }, t('lead.overdueBy', { duration: duration(now - due) }));
  return h('span', { class: 'due' }, t('lead.dueIn', { when: relative(lead.dueBy, now) }));
}

/** A lead on a board or in a list: priority, category, enterprise, due. */
export function leadCard(lead, { showDistrict = false, fresh = false } = {}) {
  const overdue = isOverdue(lead);
  return h('a', {
    class: `lead-card prio-edge-${lead.priority}${overdue ? ' is-overdue' : ''}${fresh ? ' fresh' : ''}`,
    href: `#/lead/${encodeURIComponent(lead.leadId)}`,
    dataset: { lead: lead.leadId, status: lead.status, enterprise: lead.enterpriseId, overdue: String(overdue) },
  },
  h('div', { class: 'lead-card-top' },
    priorityBadge(lead.priority),
    h('span', { class: 'lead-category' }, label('rule', lead.category)),
    overdue ? h('span', { class: 'flag-overdue' }, t('lead.overdue')) : null,
    lead.repeat ? h('span', { class: 'flag-repeat' }, t('lead.repeat')) : null),
  h('div', { class: 'lead-enterprise' }, lead.enterpriseName),
  h('div', { class: 'lead-meta' },
    h('span', null, label('action', lead.action)),
    showDistrict ? h('span', null, districtName(lead.district)) : null,
    dueText(lead)));
}

/**
 * The rules whose alert compares a reading with a reference value, and what that value is called; the other rules'
 * observed and limit fields mean other things (a duration, a running threshold, a ratio) and are not shown as values.
 */
const COMPARED = { EXCEEDANCE: 'alert.limit', EARLY_WARNING: 'alert.warningLevel', OUT_OF_RANGE: 'alert.range' };

/** "COD · 76.4 mg/L · limit 60" for an alert, in the reader's language. */
export function alertFacts(alert, unit) {
  const parts = [];
  if (alert.metric) parts.push(label('metric', alert.metric));
  const reference = COMPARED[alert.rule];
  if (reference && Number.isFinite(alert.observed)) parts.push(`${number(alert.observed, 1)}${unit ? ` ${unit}` : ''}`);
  if (reference && Number.isFinite(alert.limit)) parts.push(t(reference, { limit: number(alert.limit, 2) }));
  return parts.join(' · ');
}

export function alertRow(alert, { enterpriseName, unit } = {}) {
  return h('li', { class: `alert-row sev-edge-${alert.severity}`, dataset: { alert: alert.alertId, state: alert.state ?? 'UNKNOWN' } },
    h('div', { class: 'alert-row-top' },
      severityChip(alert.severity),
      h('span', { class: 'alert-rule' }, label('rule', alert.rule)),
      h('span', { class: `alert-state state-${alert.state}` }, label('alertState', alert.state)),
      h('time', { class: 'alert-time', datetime: alert.at }, time(alert.at))),
    h('div', { class: 'alert-row-body' },
      enterpriseName ? h('a', { href: `#/enterprise/${encodeURIComponent(alert.enterpriseId)}`, class: 'alert-enterprise' }, enterpriseName) : null,
      h('span', { class: 'alert-where' }, [alert.deviceId, alertFacts(alert, unit)].filter(Boolean).join(' · '))));
}

export function errorBox(error) {
  const code = error?.code ?? 'unavailable';
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', null, label('errors', code)),
    error?.message && error.status ? h('span', { class: 'error-detail' }, error.message) : null);
}

export function loading() {
  return h('div', { class: 'loading' }, h('span', { class: 'spinner' }), t('common.loading'));
}

export function empty(text) {
  return h('div', { class: 'empty' }, text);
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', { class: 'card-title' }, title) : null, ...children);
}
