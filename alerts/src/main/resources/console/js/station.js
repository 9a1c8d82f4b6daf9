// The monitoring station: every enterprise by district with its live state, the live feed of alert changes, the
// lead board by status, and how each rule fares with the officers.
import { h, fill, debounce } from './dom.js';
import { t, label, number, percent, clock } from './i18n.js';
import { api, all, session, districtName } from './api.js';
import { SEVERITIES, STATUSES, byUrgency, isOverdue, newer, leadCard, severityChip, alertFacts, errorBox, loading, empty } from './ui.js';

const FEED_SIZE = 40;
const CLOSED_SHOWN = 12;
const FRESH_MS = 8000;

export function mount(root, { live }) {
  const state = {
    enterprises: [],
    alerts: new Map(),   // open alerts by id
    feed: [],            // the latest alert changes, newest first
    leads: new Map(),
    stats: [],
    fresh: new Map(),    // id → when it arrived live, for the highlight
  };
  const parts = {
    kpis: h('div', { class: 'kpis' }),
    tiles: h('div', { class: 'districts', id: 'enterprises' }),
    feed: h('ol', { class: 'feed', id: 'feed' }),
    board: h('div', { class: 'board', id: 'board' }),
    stats: h('div', { class: 'table-wrap', id: 'rule-statistics' }),
  };
  fill(root,
    h('section', { class: 'page page-station' },
      h('div', { class: 'page-head' },
        h('h1', null, t('station.title')),
        h('p', { class: 'page-sub' }, session.me.role === 'station' ? t('station.subtitle') : t('station.subtitleDistrict', { district: districtName(session.me.district) }))),
      parts.kpis,
      h('div', { class: 'station-grid' },
        h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('station.enterprises')), parts.tiles),
        h('section', { class: 'card card-feed' }, h('h2', { class: 'card-title' }, h('span', { class: 'pulse' }), t('station.feed')), parts.feed)),
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('station.board')), parts.board),
      h('section', { class: 'card' },
        h('h2', { class: 'card-title' }, t('station.statistics')),
        h('p', { class: 'card-note' }, t('station.statisticsNote')),
        parts.stats)));
  parts.tiles.append(loading());

  const render = () => {
    renderKpis(parts.kpis, state);
    renderTiles(parts.tiles, state);
    renderFeed(parts.feed, state);
    renderBoard(parts.board, state);
  };
  const refreshStats = debounce(async () => {
    try {
      state.stats = (await api('/api/statistics/rules')).rules;
      renderStats(parts.stats, state);
    } catch (error) {
      fill(parts.stats, errorBox(error));
    }
  }, 1000);
  const renderSoon = debounce(render, 150);

  // Listen before loading, so nothing that happens while the snapshot loads is missed; copies are merged by updatedAt.
  const stopListening = live.on((kind, data) => {
    const now = Date.now();
    if (kind === 'alert') {
      state.fresh.set(data.alertId, now);
      state.feed = [data, ...state.feed.filter(a => !(a.alertId === data.alertId && a.state === data.state))].slice(0, FEED_SIZE);
      const current = newer(state.alerts.get(data.alertId), data);
      if (current.state === 'RESOLVED') state.alerts.delete(data.alertId);
      else state.alerts.set(data.alertId, current);
    } else if (kind === 'lead') {
      if (!state.leads.has(data.leadId) || state.leads.get(data.leadId).status !== data.status) state.fresh.set(data.leadId, now);
      state.leads.set(data.leadId, newer(state.leads.get(data.leadId), data));
    }
    renderSoon();
    refreshStats();
  });
  const ticker = setInterval(render, 30000); // overdue marks and "due in" texts move with the clock

  (async () => {
    try {
      const [enterprises, open, recent, leads] = await Promise.all([
        api('/api/enterprises'),
        all('/api/alerts', 'alerts', { state: 'open' }),
        api('/api/alerts', { params: { state: 'all', limit: FEED_SIZE } }),
        all('/api/leads', 'leads'),
      ]);
      state.enterprises = enterprises.enterprises;
      for (const alert of open) state.alerts.set(alert.alertId, newer(state.alerts.get(alert.alertId), alert));
      const seen = new Set(state.feed.map(a => `${a.alertId}/${a.state}`));
      state.feed = [...state.feed, ...recent.alerts.filter(a => !seen.has(`${a.alertId}/${a.state}`))].slice(0, FEED_SIZE);
      for (const lead of leads) state.leads.set(lead.leadId, newer(state.leads.get(lead.leadId), lead));
      render();
      refreshStats();
    } catch (error) {
      fill(parts.tiles, errorBox(error));
    }
  })();

  return () => {
    stopListening();
    clearInterval(ticker);
    renderSoon.cancel();
    refreshStats.cancel();
  };
}

/** An enterprise's state from the open alerts: counts by severity and the devices an OFFLINE alert says are silent. */
function enterpriseState(enterprise, state) {
  const bySeverity = {};
  const offline = new Set();
  for (const alert of state.alerts.values()) {
    if (alert.enterpriseId !== enterprise.id) continue;
    bySeverity[alert.severity] = (bySeverity[alert.severity] ?? 0) + 1;
    if (alert.rule === 'OFFLINE') offline.add(alert.deviceId);
  }
  const worst = SEVERITIES.find(s => bySeverity[s]);
  const openLeads = [...state.leads.values()].filter(l => l.enterpriseId === enterprise.id && l.status !== 'CLOSED').length;
  return { bySeverity, offline, worst, openLeads };
}

function renderKpis(element, state) {
  const states = state.enterprises.map(e => enterpriseState(e, state));
  const leads = [...state.leads.values()];
  const kpi = (key, value, tone) => h('div', { class: `kpi${tone ? ` kpi-${tone}` : ''}`, dataset: { kpi: key } },
    h('span', { class: 'kpi-value' }, number(value, 0)), h('span', { class: 'kpi-label' }, t(`station.kpi.${key}`)));
  fill(element,
    kpi('enterprises', state.enterprises.length),
    kpi('alerting', states.filter(s => s.worst).length, states.some(s => s.worst) ? 'warn' : null),
    kpi('offline', states.reduce((n, s) => n + s.offline.size, 0), states.some(s => s.offline.size) ? 'muted' : null),
    kpi('newLeads', leads.filter(l => l.status === 'NEW').length, leads.some(l => l.status === 'NEW') ? 'accent' : null),
    kpi('overdue', leads.filter(l => isOverdue(l)).length, leads.some(l => isOverdue(l)) ? 'danger' : null));
}

function renderTiles(element, state) {
  const districts = [...new Set(state.enterprises.map(e => e.district.id))];
  fill(element, districts.map(districtId => {
    const enterprises = state.enterprises.filter(e => e.district.id === districtId);
    const alerting = enterprises.filter(e => enterpriseState(e, state).worst).length;
    return h('section', { class: 'district', dataset: { district: districtId } },
      h('h3', { class: 'district-name' }, enterprises[0].district.name,
        h('span', { class: 'district-count' }, t('station.districtCount', { total: enterprises.length, alerting }))),
      h('div', { class: 'tiles' }, enterprises.map(e => tile(e, enterpriseState(e, state)))));
  }));
}

function tile(enterprise, s) {
  const devices = enterprise.devices.length;
  const normal = !s.worst && s.offline.size === 0;
  return h('a', {
    class: `tile ${normal ? 'tile-normal' : `tile-${s.worst ?? 'OFFLINE'}`}`,
    href: `#/enterprise/${encodeURIComponent(enterprise.id)}`,
    dataset: { enterprise: enterprise.id, state: normal ? 'normal' : 'alerting' },
  },
  h('div', { class: 'tile-head' },
    h('span', { class: 'tile-name' }, enterprise.name),
    enterprise.supervision === 'KEY' ? h('span', { class: 'tag tag-key' }, t('enterprise.key')) : null),
  h('div', { class: 'tile-state' },
    normal ? h('span', { class: 'chip chip-normal' }, t('station.normal')) : null,
    SEVERITIES.filter(sev => s.bySeverity[sev]).map(sev => severityChip(sev, s.bySeverity[sev])),
    s.offline.size ? h('span', { class: 'chip chip-offline' }, t('station.offline', { n: s.offline.size, total: devices })) : null),
  h('div', { class: 'tile-foot' },
    h('span', null, label('industry', enterprise.industry)),
    h('span', null, s.openLeads ? t('station.openLeads', { n: s.openLeads }) : t('station.devices', { n: devices }))));
}

function renderFeed(element, state) {
  const names = new Map(state.enterprises.map(e => [e.id, e.name]));
  const units = new Map(state.enterprises.flatMap(e => e.devices.flatMap(d => d.metrics.map(m => [m.metric, m.unit]))));
  if (state.feed.length === 0) {
    fill(element, empty(t('station.feedEmpty')));
    return;
  }
  const now = Date.now();
  fill(element, state.feed.map(alert => h('li', {
    class: `feed-item sev-edge-${alert.severity}${now - (state.fresh.get(alert.alertId) ?? 0) < FRESH_MS ? ' fresh' : ''}`,
    dataset: { alert: alert.alertId, state: alert.state },
  },
  h('div', { class: 'feed-top' },
    h('time', { class: 'feed-time', datetime: alert.at }, clock(alert.at)),
    h('span', { class: `alert-state state-${alert.state}` }, label('alertState', alert.state)),
    severityChip(alert.severity)),
  h('div', { class: 'feed-what' }, h('strong', null, label('rule', alert.rule)), ' ',
    h('a', { href: `#/enterprise/${encodeURIComponent(alert.enterpriseId)}` }, names.get(alert.enterpriseId) ?? alert.enterpriseId)),
  h('div', { class: 'feed-detail' }, [alert.deviceId, alertFacts(alert, units.get(alert.metric))].filter(Boolean).join(' · ')))));
}

function renderBoard(element, state) {
  const leads = [...state.leads.values()].sort(byUrgency);
  const now = Date.now();
  fill(element, STATUSES.map(status => {
    let column = leads.filter(l => l.status === status);
    const total = column.length;
    if (status === 'CLOSED') column = column.sort((a, b) => new Date(b.updatedAt) - new Date(a.updatedAt)).slice(0, CLOSED_SHOWN);
    return h('section', { class: `board-column column-${status}`, dataset: { status } },
      h('h3', { class: 'board-head' }, label('status', status), h('span', { class: 'count' }, number(total, 0))),
      h('div', { class: 'board-cards' },
        column.length ? column.map(l => leadCard(l, { showDistrict: true, fresh: now - (state.fresh.get(l.leadId) ?? 0) < FRESH_MS }))
          : empty(t('station.columnEmpty')),
        total > column.length ? h('div', { class: 'more' }, t('station.more', { n: total - column.length })) : null));
  }));
}

function renderStats(element, state) {
  if (state.stats.length === 0) {
    fill(element, empty(t('station.statisticsEmpty')));
    return;
  }
  const head = ['rule', 'alerts', 'leads', 'withOutcome', 'confirmed', 'precision'];
  fill(element, h('table', { class: 'table' },
    h('thead', null, h('tr', null, head.map(c => h('th', { class: c === 'rule' ? '' : 'num' }, t(`station.stat.${c}`))))),
    h('tbody', null, state.stats.map(r => h('tr', { dataset: { rule: r.rule } },
      h('td', null, label('rule', r.rule)),
      h('td', { class: 'num' }, number(r.alerts, 0)),
      h('td', { class: 'num' }, number(r.leads, 0)),
      h('td', { class: 'num' }, number(r.withOutcome, 0)),
      h('td', { class: 'num' }, number(r.confirmed, 0)),
      h('td', { class: 'num' }, precisionBar(r.precision)))))));
}

function precisionBar(precision) {
  if (precision == null) return h('span', { class: 'muted' }, t('station.noOutcomeYet'));
  const tone = precision >= 0.7 ? 'good' : precision >= 0.4 ? 'fair' : 'poor';
  return h('span', { class: 'precision' },
    h('span', { class: `bar bar-${tone}` }, h('span', { style: `width: ${Math.round(precision * 100)}%` })),
    h('span', null, percent(precision)));
}
