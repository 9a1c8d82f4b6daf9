// The officer's desk: the leads of the officer's district, most urgent first (priority, then due time), live.
import { h, fill, debounce } from './dom.js';
import { t, number } from './i18n.js';
import { api, all, session, isStation, districtName } from './api.js';
import { byUrgency, newer, leadCard, errorBox, loading, empty } from './ui.js';

const OPEN = ['NEW', 'ACCEPTED', 'OUTCOME_REPORTED'];
const FRESH_MS = 8000;
let showing = 'open';

export function mount(root, { live }) {
  const state = { leads: new Map(), fresh: new Map() };
  const tabs = h('div', { class: 'segmented', role: 'group' });
  const list = h('div', { class: 'desk-list', id: 'desk-leads' }, loading());
  const me = session.me;
  fill(root, h('section', { class: 'page page-desk' },
    h('div', { class: 'page-head' },
      h('h1', null, t('desk.title')),
      h('p', { class: 'page-sub' }, isStation()
        ? t('desk.subtitleStation')
        : t('desk.subtitle', { name: me.displayName ?? me.name, district: districtName(me.district) }))),
    tabs, list));

  const render = () => {
    const leads = [...state.leads.values()];
    const open = leads.filter(l => OPEN.includes(l.status)).sort(byUrgency);
    const closed = leads.filter(l => l.status === 'CLOSED').sort((a, b) => new Date(b.updatedAt) - new Date(a.updatedAt));
    fill(tabs, [['open', open.length], ['closed', closed.length]].map(([key, count]) => h('button', {
      type: 'button', class: key === showing ? 'active' : '', dataset: { tab: key }, 'aria-pressed': String(key === showing),
      onclick: () => { showing = key; render(); },
    }, t(`desk.${key}`), h('span', { class: 'count' }, number(count, 0)))));
    const shown = showing === 'open' ? open : closed;
    const now = Date.now();
    fill(list, shown.length ? shown.map(l => leadCard(l, { showDistrict: isStation(), fresh: now - (state.fresh.get(l.leadId) ?? 0) < FRESH_MS }))
      : empty(t(showing === 'open' ? 'desk.noOpen' : 'desk.noClosed')));
  };
  const renderSoon = debounce(render, 150);

  const stopListening = live.on((kind, data) => {
    if (kind !== 'lead') return;
    if (!state.leads.has(data.leadId)) state.fresh.set(data.leadId, Date.now());
    state.leads.set(data.leadId, newer(state.leads.get(data.leadId), data));
    renderSoon();
  });
  const ticker = setInterval(render, 30000);

  all('/api/leads', 'leads').then(leads => {
    leads.forEach(l => state.leads.set(l.leadId, newer(state.leads.get(l.leadId), l)));
    render();
  }).catch(error => fill(list, errorBox(error)));

  return () => {
    stopListening();
    clearInterval(ticker);
    renderSoon.cancel();
  };
}
