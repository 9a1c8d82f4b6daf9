// One enterprise: who and where, its devices with their last readings and online state, charts of recent
// readings per metric (limit drawn, alert intervals shaded), and its leads with their history.
import { h, fill, debounce } from './dom.js';
import { t, label, number, time, relative } from './i18n.js';
import { api, all, districtName, personName } from './api.js';
import { readingsChart } from './chart.js';
import { SEVERITIES, byUrgency, newer, leadCard, severityChip, errorBox, loading, empty, alertRow } from './ui.js';

const RANGES = [{ key: '6h', hours: 6 }, { key: '24h', hours: 24 }, { key: '7d', hours: 24 * 7 }];
/** Counters that only grow (energy, volume) say little on a chart; their rates (power, flow) are drawn. */
const NOT_CHARTED = new Set(['power.energy', 'water.volume']);
const REFRESH_MS = 60000;

let chosenRange = '24h';

export function mount(root, { live }, enterpriseId) {
  const state = { enterprise: null, devices: [], latest: [], alerts: new Map(), leads: new Map(), charts: [] };
  const parts = {
    head: h('div', { class: 'page-head' }, loading()),
    info: h('div', { class: 'card info-card' }),
    status: h('div', { class: 'card status-card' }),
    devices: h('div', { class: 'devices', id: 'devices' }),
    ranges: h('div', { class: 'segmented', role: 'group', 'aria-label': t('enterprise.range') }),
    charts: h('div', { class: 'charts', id: 'charts' }),
    alerts: h('ul', { class: 'alert-list', id: 'enterprise-alerts' }),
    leads: h('div', { class: 'lead-histories', id: 'enterprise-leads' }),
  };
  fill(root, h('section', { class: 'page page-enterprise' },
    h('a', { class: 'back', href: '#/station' }, t('common.backToStation')),
    parts.head,
    h('div', { class: 'grid-2' }, parts.info, parts.status),
    h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('enterprise.devices')), parts.devices),
    h('section', { class: 'card' },
      h('div', { class: 'card-title-row' }, h('h2', { class: 'card-title' }, t('enterprise.readings')), parts.ranges),
      parts.charts),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('enterprise.openAlerts')), parts.alerts),
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('enterprise.leads')), parts.leads))));

  const disposeCharts = () => {
    state.charts.forEach(c => c.chart?.dispose());
    state.charts = [];
  };

  const renderRanges = () => fill(parts.ranges, RANGES.map(r => h('button', {
    type: 'button', class: r.key === chosenRange ? 'active' : '', dataset: { range: r.key }, 'aria-pressed': String(r.key === chosenRange),
    onclick: () => { chosenRange = r.key; renderRanges(); layoutCharts(); loadCharts(); },
  }, t(`enterprise.range${r.key}`))));

  const renderAll = () => {
    const e = state.enterprise;
    fill(parts.head,
      h('h1', null, e.name),
      h('div', { class: 'tags' },
        h('span', { class: 'tag' }, e.district.name),
        h('span', { class: 'tag' }, label('industry', e.industry)),
        h('span', { class: `tag${e.supervision === 'KEY' ? ' tag-key' : ''}` }, label('supervision', e.supervision)),
        e.positiveList ? h('span', { class: 'tag tag-good' }, t('enterprise.positiveList')) : null,
        h('span', { class: 'tag tag-id' }, e.id)));
    fill(parts.info,
      h('h2', { class: 'card-title' }, t('enterprise.contactTitle')),
      h('dl', { class: 'facts' },
        h('dt', null, t('enterprise.address')), h('dd', { id: 'enterprise-address' }, e.address ?? t('common.none')),
        h('dt', null, t('enterprise.contact')), h('dd', { id: 'enterprise-contact' }, contactLink(e.contact)),
        h('dt', null, t('enterprise.district')), h('dd', null, districtName(e.district.id)),
        h('dt', null, t('enterprise.deviceCount')), h('dd', null, number(e.devices.length, 0))));
    renderStatus();
    renderDevices();
    renderAlertsAndLeads();
  };

  const renderStatus = () => {
    const open = [...state.alerts.values()].filter(a => a.state !== 'RESOLVED');
    const bySeverity = {};
    open.forEach(a => { bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1; });
    const offline = state.devices.filter(d => !d.online).length;
    const openLeads = [...state.leads.values()].filter(l => l.status !== 'CLOSED').length;
    fill(parts.status,
      h('h2', { class: 'card-title' }, t('enterprise.now')),
      h('div', { class: 'status-chips', id: 'enterprise-status' },
        open.length === 0 && offline === 0 ? h('span', { class: 'chip chip-normal' }, t('station.normal')) : null,
        SEVERITIES.filter(s => bySeverity[s]).map(s => severityChip(s, bySeverity[s])),
        offline ? h('span', { class: 'chip chip-offline' }, t('station.offline', { n: offline, total: state.devices.length })) : null),
      h('dl', { class: 'facts' },
        h('dt', null, t('enterprise.openAlertCount')), h('dd', null, number(open.length, 0)),
        h('dt', null, t('enterprise.openLeadCount')), h('dd', null, number(openLeads, 0))));
  };

  const renderDevices = () => {
    const e = state.enterprise;
    const online = new Map(state.devices.map(d => [d.deviceId, d]));
    fill(parts.devices, e.devices.map(device => {
      const status = online.get(device.id);
      const isOnline = status?.online !== false;
      return h('article', { class: `device${isOnline ? '' : ' device-offline'}`, dataset: { device: device.id, online: String(isOnline) } },
        h('header', { class: 'device-head' },
          h('span', { class: 'device-id' }, device.id),
          h('span', { class: 'device-kind' }, [label('deviceKind', device.kind), device.role ? label('role', device.role) : null].filter(Boolean).join(' · ')),
          h('span', { class: `online ${isOnline ? 'is-online' : 'is-offline'}` },
            isOnline ? t('enterprise.online') : t('enterprise.offlineSince', { since: relative(status.offlineSince) }))),
        h('table', { class: 'readings' }, h('tbody', null, device.metrics.map(m => {
          const last = state.latest.find(r => r.deviceId === device.id && r.metric === m.metric);
          const over = last && m.limit != null && last.value > m.limit;
          return h('tr', { dataset: { metric: m.metric } },
            h('th', null, label('metric', m.metric)),
            h('td', { class: `num${over ? ' over' : ''}` }, last ? `${number(last.value, 2)} ${m.unit ?? ''}` : '–'),
            h('td', { class: 'muted' }, last ? relative(last.ts) : t('enterprise.noReading')),
            h('td', { class: 'muted num' }, m.limit != null ? t('alert.limit', { limit: number(m.limit, 2) }) : ''),
            last && last.flag && last.flag !== 'N' ? h('td', null, h('span', { class: 'tag tag-flag' }, label('flag', last.flag))) : h('td'));
        }))));
    }));
  };

  const renderAlertsAndLeads = () => {
    const open = [...state.alerts.values()].filter(a => a.state !== 'RESOLVED').sort((a, b) => new Date(b.at) - new Date(a.at));
    const units = new Map(state.enterprise.devices.flatMap(d => d.metrics.map(m => [m.metric, m.unit])));
    fill(parts.alerts, open.length ? open.map(a => alertRow(a, { unit: units.get(a.metric) })) : empty(t('enterprise.noOpenAlerts')));
    const leads = [...state.leads.values()].sort(byUrgency);
    fill(parts.leads, leads.length ? leads.map(lead => h('details', { class: 'lead-history', dataset: { lead: lead.leadId } },
      h('summary', null, leadCard(lead)),
      h('ol', { class: 'timeline', dataset: { history: lead.leadId } }, loading()))) : empty(t('enterprise.noLeads')));
    parts.leads.querySelectorAll('details').forEach(d => d.addEventListener('toggle', () => {
      if (d.open) loadHistory(d.dataset.lead, d.querySelector('.timeline'));
    }, { once: true }));
  };

  const loadHistory = async (leadId, element) => {
    try {
      const detail = await api(`/api/leads/${encodeURIComponent(leadId)}`);
      fill(element, detail.history.map(historyItem));
    } catch (error) {
      fill(element, errorBox(error));
    }
  };

  /** One chart per metric worth charting, laid out once per page and range; loadCharts fills them. */
  const layoutCharts = () => {
    disposeCharts();
    const wanted = state.enterprise.devices.flatMap(d => d.metrics.filter(m => !NOT_CHARTED.has(m.metric)).map(m => ({ device: d, metric: m })));
    fill(parts.charts, wanted.map(({ device, metric }) => {
      const canvas = h('div', { class: 'chart', dataset: { device: device.id, metric: metric.metric } });
      state.charts.push({ canvas, device, metric, chart: null });
      return h('figure', { class: 'chart-card' },
        h('figcaption', null,
          h('span', { class: 'chart-title' }, label('metric', metric.metric)),
          h('span', { class: 'chart-sub' }, [device.id, metric.unit, metric.limit != null ? t('alert.limit', { limit: number(metric.limit, 2) }) : null].filter(Boolean).join(' · '))),
        canvas);
    }));
    state.charts.forEach(c => { c.chart = readingsChart(c.canvas); });
  };

  /** The chosen range up to now, into the charts in place (the minute's refresh redraws without a flicker). */
  const loadCharts = async () => {
    const charts = state.charts;
    const to = new Date();
    const from = new Date(to.getTime() - RANGES.find(r => r.key === chosenRange).hours * 3600 * 1000);
    await Promise.all(charts.map(async chart => {
      try {
        const series = await api('/api/readings', { params: {
          enterprise: enterpriseId, device: chart.device.id, metric: chart.metric.metric, from: from.toISOString(), to: to.toISOString() } });
        if (state.charts !== charts) return; // the range changed or the page went meanwhile
        chart.chart.draw({ series, alerts: [...state.alerts.values()] });
        chart.canvas.parentElement.querySelector('.chart-empty')?.remove();
        if (series.points.length === 0) chart.canvas.after(h('div', { class: 'chart-empty' }, t('enterprise.noReadingsInRange')));
      } catch (error) {
        chart.canvas.parentElement.querySelector('.chart-empty')?.remove();
        chart.canvas.after(h('div', { class: 'chart-empty' }, label('errors', error.code)));
      }
    }));
  };

  const refreshReadings = async () => {
    try {
      const [latest, devices] = await Promise.all([
        api('/api/readings/latest', { params: { enterprise: enterpriseId } }).catch(() => ({ readings: [] })),
        api('/api/devices', { params: { enterprise: enterpriseId } }),
      ]);
      state.latest = latest.readings;
      state.devices = devices.devices;
      renderDevices();
      renderStatus();
    } catch (error) {
      console.warn('readings could not be refreshed', error);
    }
  };

  const renderSoon = debounce(() => { renderStatus(); renderAlertsAndLeads(); }, 150);
  const refreshDevicesSoon = debounce(refreshReadings, 500);
  const stopListening = live.on((kind, data) => {
    if (data.enterpriseId !== enterpriseId) return;
    if (kind === 'alert') {
      state.alerts.set(data.alertId, newer(state.alerts.get(data.alertId), data));
      if (data.rule === 'OFFLINE') refreshDevicesSoon();
    } else if (kind === 'lead') {
      state.leads.set(data.leadId, newer(state.leads.get(data.leadId), data));
    }
    if (state.enterprise) renderSoon();
  });
  const timer = setInterval(() => { refreshReadings(); loadCharts(); }, REFRESH_MS);

  (async () => {
    try {
      const [enterprise, alerts, leads] = await Promise.all([
        api(`/api/enterprises/${encodeURIComponent(enterpriseId)}`),
        all('/api/alerts', 'alerts', { enterprise: enterpriseId, state: 'all' }),
        all('/api/leads', 'leads', { enterprise: enterpriseId }),
      ]);
      state.enterprise = enterprise;
      alerts.forEach(a => state.alerts.set(a.alertId, newer(state.alerts.get(a.alertId), a)));
      leads.forEach(l => state.leads.set(l.leadId, newer(state.leads.get(l.leadId), l)));
      renderRanges();
      renderAll();
      layoutCharts();
      await refreshReadings();
      await loadCharts();
    } catch (error) {
      fill(parts.head, errorBox(error));
    }
  })();

  return () => {
    stopListening();
    clearInterval(timer);
    renderSoon.cancel();
    refreshDevicesSoon.cancel();
    disposeCharts();
  };
}

export function historyItem(entry) {
  return h('li', { class: `timeline-item action-${entry.action}`, dataset: { action: entry.action } },
    h('time', { datetime: entry.at }, time(entry.at)),
    h('div', { class: 'timeline-body' },
      h('strong', null, label('historyAction', entry.action)),
      ' ',
      h('span', { class: 'muted' }, entry.actor === 'pipeline' ? t('lead.pipeline') : personName(entry.actor)),
      entry.action === 'PUBLISHED' || entry.action === 'UPDATED' ? h('span', { class: 'muted' }, ` · v${entry.version}`) : null,
      entry.outcome ? h('div', null, h('span', { class: `tag outcome-${entry.outcome}` }, label('outcome', entry.outcome))) : null,
      entry.note ? h('div', { class: 'note' }, entry.note) : null));
}

/** A phone number in the contact text becomes a tap-to-call link. */
export function contactLink(contact) {
  if (!contact) return t('common.none');
  const phone = contact.match(/\+?\d[\d -]{6,}\d(?![\dA-Za-z])/); // masked numbers (0731-8800xxxx) stay text
  if (!phone) return contact;
  const [before, after] = [contact.slice(0, phone.index), contact.slice(phone.index + phone[0].length)];
  return [before, h('a', { href: `tel:${phone[0].replace(/[ -]/g, '')}` }, phone[0]), after];
}
