// One lead, as an officer opens it at the enterprise's gate: what happened, the evidence chart, who to call and
// where to go, and the actions its status allows (accept, report the outcome with a note, close).
import { h, fill, debounce } from './dom.js';
import { t, has, label, number, time } from './i18n.js';
import { api, isStation, districtName, personName } from './api.js';
import { readingsChart } from './chart.js';
import { OUTCOMES, priorityBadge, statusPill, dueText, isOverdue, alertRow, errorBox, loading, empty } from './ui.js';
import { historyItem, contactLink } from './enterprise.js';

const BEFORE_MS = 2 * 3600 * 1000;
const AFTER_MS = 2 * 3600 * 1000;
const MAX_EVIDENCE_CHARTS = 2;

export function mount(root, { live }, leadId) {
  const state = { detail: null, enterprise: null, charts: [], busy: false, error: null, actionsFor: null };
  const parts = {
    head: h('div', { class: 'lead-head', id: 'lead-head' }, loading()),
    summary: h('section', { class: 'card card-summary' }),
    actions: h('section', { class: 'card actions-card', id: 'lead-actions' }),
    place: h('section', { class: 'card card-place', id: 'lead-enterprise' }),
    evidence: h('section', { class: 'card card-evidence' }),
    alerts: h('section', { class: 'card card-alerts' }),
    history: h('section', { class: 'card card-history' }),
  };
  fill(root, h('section', { class: 'page page-lead' },
    h('a', { class: 'back', href: isStation() ? '#/station' : '#/desk' }, isStation() ? t('common.backToStation') : t('common.backToDesk')),
    parts.head,
    h('div', { class: 'lead-layout' },
      h('div', { class: 'lead-main' }, parts.summary, parts.evidence, parts.alerts),
      h('div', { class: 'lead-side' }, parts.actions, parts.place, parts.history))));

  const render = () => {
    const { lead, alerts, history } = state.detail;
    const overdue = isOverdue(lead);
    fill(parts.head,
      h('div', { class: 'lead-head-top' },
        priorityBadge(lead.priority),
        h('span', { class: 'lead-category' }, label('rule', lead.category)),
        statusPill(lead.status),
        overdue ? h('span', { class: 'flag-overdue' }, t('lead.overdue')) : null,
        lead.repeat ? h('span', { class: 'flag-repeat' }, t('lead.repeat')) : null),
      h('h1', null, lead.enterpriseName),
      h('div', { class: 'lead-head-meta' },
        h('span', null, label('action', lead.action)),
        h('span', null, districtName(lead.district)),
        dueText(lead)));
    fill(parts.summary,
      h('h2', { class: 'card-title' }, t('lead.summary')),
      h('p', { class: 'lead-facts', id: 'lead-facts' }, localSummary(lead, alerts, unitsOf(state.enterprise))),
      h('dl', { class: 'facts' },
        h('dt', null, t('lead.openedAt')), h('dd', null, time(lead.openedAt)),
        h('dt', null, t('lead.dueBy')), h('dd', null, time(lead.dueBy)),
        h('dt', null, t('lead.version')), h('dd', null, `v${lead.version}`),
        lead.acceptedBy ? [h('dt', null, t('lead.acceptedBy')), h('dd', null, personName(lead.acceptedBy))] : null,
        lead.outcome ? [h('dt', null, t('lead.outcome')), h('dd', { id: 'lead-outcome' }, label('outcome', lead.outcome))] : null,
        lead.outcomeNote ? [h('dt', null, t('lead.note')), h('dd', null, lead.outcomeNote)] : null),
      h('details', { class: 'original' }, h('summary', null, t('lead.original')), h('p', null, lead.summary)));
    if (state.actionsFor !== lead.status) {
      // Only when the status moved: a live update of the lead must not wipe a note the officer is typing.
      state.actionsFor = lead.status;
      renderActions();
    }
    renderBusy();
    const units = unitsOf(state.enterprise);
    fill(parts.alerts,
      h('h2', { class: 'card-title' }, t('lead.alerts')),
      h('ul', { class: 'alert-list' }, alerts.map(a => a.state == null
        ? h('li', { class: 'alert-row muted' }, t('lead.alertPending'))
        : alertRow(a, { unit: units.get(a.metric) }))));
    fill(parts.history,
      h('h2', { class: 'card-title' }, t('lead.history')),
      h('ol', { class: 'timeline', id: 'lead-history' }, history.map(historyItem)));
    renderPlace();
  };

  const renderPlace = () => {
    const e = state.enterprise;
    if (!e) return;
    fill(parts.place,
      h('h2', { class: 'card-title' }, t('lead.where')),
      h('dl', { class: 'facts' },
        h('dt', null, t('enterprise.address')), h('dd', { id: 'lead-address' }, e.address ?? t('common.none')),
        h('dt', null, t('enterprise.contact')), h('dd', { id: 'lead-contact' }, contactLink(e.contact)),
        h('dt', null, t('enterprise.supervisionLabel')), h('dd', null, label('supervision', e.supervision),
          e.positiveList ? h('span', { class: 'tag tag-good' }, t('enterprise.positiveList')) : null)),
      h('a', { class: 'button secondary', href: `#/enterprise/${encodeURIComponent(e.id)}` }, t('lead.openEnterprise')));
  };

  const renderActions = () => {
    const lead = state.detail.lead;
    const note = h('textarea', { id: 'action-note', rows: 3, maxlength: 2000, placeholder: t('actions.notePlaceholder') });
    const submit = (path, body) => async event => {
      event.preventDefault();
      state.busy = true;
      state.error = null;
      renderBusy();
      try {
        await api(`/api/leads/${encodeURIComponent(leadId)}/${path}`, { method: 'POST', body });
        await load();
      } catch (error) {
        state.error = error;
        state.busy = false;
        renderBusy();
      }
    };
    const noteField = h('label', { class: 'field' }, h('span', null, t('actions.note')), note);
    let form;
    if (lead.status === 'NEW') {
      form = h('form', { class: 'action-form', onsubmit: e => submit('accept', { note: note.value || null })(e) },
        h('p', { class: 'muted' }, t('actions.acceptHint')), noteField,
        h('button', { type: 'submit', class: 'button primary', id: 'accept' }, t('actions.accept')));
    } else if (lead.status === 'ACCEPTED') {
      const choices = h('fieldset', { class: 'choices', id: 'outcome-choices' },
        h('legend', null, t('actions.outcome')),
        OUTCOMES.map(o => h('label', { class: 'choice' },
          h('input', { type: 'radio', name: 'outcome', value: o, required: true }),
          h('span', null, label('outcome', o)))));
      form = h('form', { class: 'action-form', onsubmit: e => {
        const chosen = form.querySelector('input[name=outcome]:checked');
        submit('outcome', { outcome: chosen?.value, note: note.value || null })(e);
      } }, choices, noteField, h('button', { type: 'submit', class: 'button primary', id: 'report-outcome' }, t('actions.report')));
    } else if (lead.status === 'OUTCOME_REPORTED') {
      form = h('form', { class: 'action-form', onsubmit: e => submit('close', { note: note.value || null })(e) },
        h('p', { class: 'muted' }, t('actions.closeHint')), noteField,
        h('button', { type: 'submit', class: 'button primary', id: 'close-lead' }, t('actions.close')));
    } else {
      form = h('p', { class: 'done' }, t('actions.closed'));
    }
    fill(parts.actions, h('h2', { class: 'card-title' }, t('actions.title')), form, h('div', { class: 'action-error' }));
    renderBusy();
  };

  const renderBusy = () => {
    parts.actions.querySelectorAll('button, input, textarea').forEach(el => { el.disabled = state.busy; });
    const box = parts.actions.querySelector('.action-error');
    if (box) fill(box, state.error ? errorBox(state.error) : null);
  };

  const drawEvidence = async () => {
    state.charts.forEach(c => c.dispose());
    state.charts = [];
    const { lead, alerts } = state.detail;
    const pairs = [...new Map(lead.evidence.map(e => [`${e.deviceId}/${e.metric}`, e])).values()].slice(0, MAX_EVIDENCE_CHARTS);
    if (pairs.length === 0) {
      fill(parts.evidence, h('h2', { class: 'card-title' }, t('lead.evidence')), empty(t('lead.noEvidence')));
      return;
    }
    const times = [lead.openedAt, ...lead.evidence.map(e => e.ts), ...alerts.filter(a => a.at).map(a => a.at)].map(s => new Date(s).getTime());
    const from = new Date(Math.min(...times) - BEFORE_MS);
    const to = new Date(Math.min(Date.now(), Math.max(...times) + AFTER_MS));
    const figures = pairs.map(p => ({ pair: p, canvas: h('div', { class: 'chart', dataset: { device: p.deviceId, metric: p.metric } }) }));
    fill(parts.evidence, h('h2', { class: 'card-title' }, t('lead.evidence')),
      figures.map(f => h('figure', { class: 'chart-card' },
        h('figcaption', null, h('span', { class: 'chart-title' }, label('metric', f.pair.metric)), h('span', { class: 'chart-sub' }, f.pair.deviceId)),
        f.canvas)));
    await Promise.all(figures.map(async f => {
      const chart = readingsChart(f.canvas);
      state.charts.push(chart);
      try {
        const series = await api('/api/readings', { params: {
          enterprise: lead.enterpriseId, device: f.pair.deviceId, metric: f.pair.metric, from: from.toISOString(), to: to.toISOString() } });
        chart.draw({ series, alerts, evidence: lead.evidence.filter(e => e.deviceId === f.pair.deviceId && e.metric === f.pair.metric) });
      } catch (error) {
        f.canvas.replaceWith(errorBox(error));
      }
    }));
  };

  const load = async () => {
    const detail = await api(`/api/leads/${encodeURIComponent(leadId)}`);
    const firstLoad = state.detail == null;
    state.detail = detail;
    state.busy = false;
    if (!state.enterprise) {
      state.enterprise = await api(`/api/enterprises/${encodeURIComponent(detail.lead.enterpriseId)}`).catch(() => null);
    }
    render();
    if (firstLoad) drawEvidence();
  };

  const reloadSoon = debounce(() => load().catch(() => {}), 300);
  const stopListening = live.on((kind, data) => {
    if (kind === 'lead' && data.leadId === leadId && !state.busy) reloadSoon();
  });

  load().catch(error => fill(parts.head, errorBox(error)));

  return () => {
    stopListening();
    reloadSoon.cancel();
    state.charts.forEach(c => c.dispose());
  };
}

function unitsOf(enterprise) {
  return new Map((enterprise?.devices ?? []).flatMap(d => d.metrics.map(m => [m.metric, m.unit])));
}

/** What happened, in the reader's language, from the lead's most severe alert (the pipeline's sentence is English). */
function localSummary(lead, alerts, units) {
  const top = alerts.find(a => a.rule === lead.category && a.state != null) ?? alerts.find(a => a.state != null);
  const unit = top?.metric && units.get(top.metric) ? ` ${units.get(top.metric)}` : '';
  const params = {
    rule: label('rule', lead.category),
    since: time(lead.openedAt),
    metric: top?.metric ? label('metric', top.metric) : '',
    device: top?.deviceId ?? '',
    observed: Number.isFinite(top?.observed) ? `${number(top.observed, 1)}${unit}` : '–',
    limit: Number.isFinite(top?.limit) ? `${number(top.limit, 2)}${unit}` : '–',
    factor: Number.isFinite(top?.observed) && top?.limit ? number(top.observed / top.limit, 1) : '–',
  };
  const key = top && has(`lead.what.${top.rule}`) ? `lead.what.${top.rule}` : 'lead.what.other';
  return `${t(key, params)}${t('lead.alertCount', { count: alerts.length })}`;
}
