// The console's entry: language, sign-in, the live event stream, and the views by URL hash:
// #/station, #/enterprise/{id}, #/desk, #/lead/{id}.
import { useLanguage, preferredLanguage, otherLanguage, t } from './i18n.js';
import { api, session, signOut, isStation } from './api.js';
import { LiveEvents } from './events.js';
import { errorBox } from './ui.js';
import { fill } from './dom.js';
import * as signin from './signin.js';
import * as station from './station.js';
import * as enterprise from './enterprise.js';
import * as desk from './desk.js';
import * as lead from './lead.js';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const liveBadge = document.getElementById('live');
const who = document.getElementById('who');
const languageButton = document.getElementById('language');
const signOutButton = document.getElementById('sign-out');

let live = null;
let unmount = null;

function route() {
  unmount?.();
  unmount = null;
  window.scrollTo(0, 0);
  renderHeader();
  if (!session.me) {
    unmount = signin.mount(view, { onSignedIn: () => { startLive(); route(); } }); // a deep link (#/lead/…) survives sign-in
    return;
  }
  const [page, id] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const context = { live };
  switch (page) {
    case 'station': unmount = station.mount(view, context); break;
    case 'enterprise': unmount = enterprise.mount(view, context, id); break;
    case 'desk': unmount = desk.mount(view, context); break;
    case 'lead': unmount = lead.mount(view, context, id); break;
    default: location.replace(home()); return; // hashchange routes again
  }
  nav.querySelectorAll('a').forEach(a => a.classList.toggle('active', a.dataset.page === page));
}

function home() {
  return isStation() ? '#/station' : '#/desk';
}

function renderHeader() {
  const signedIn = session.me != null;
  nav.hidden = !signedIn;
  liveBadge.hidden = !signedIn;
  who.hidden = !signedIn;
  signOutButton.hidden = !signedIn;
  languageButton.textContent = t('language.switchTo');
  languageButton.setAttribute('lang', otherLanguage() === 'zh' ? 'zh-CN' : 'en');
  if (signedIn) {
    const me = session.me;
    who.textContent = t(isStation() ? 'who.station' : 'who.officer', { name: me.displayName ?? me.name, district: session.districts.get(me.district)?.name ?? me.district });
  }
}

function startLive() {
  live?.stop();
  live = new LiveEvents(session.token).start();
  live.onState(state => {
    liveBadge.dataset.state = state;
    liveBadge.querySelector('.live-label').textContent = t(`live.${state}`);
  });
}

languageButton.addEventListener('click', async () => {
  await useLanguage(otherLanguage());
  if (live) liveBadge.querySelector('.live-label').textContent = t(`live.${live.state}`);
  route();
});

signOutButton.addEventListener('click', () => signOut());

window.addEventListener('ecowatch:signed-out', () => {
  live?.stop();
  live = null;
  route();
});

(async () => {
  try {
    await useLanguage(preferredLanguage());
  } catch (error) {
    fill(view, errorBox(error));
    return;
  }
  if (session.token) {
    try {
      session.me = await api('/api/me');
      const { districts } = await api('/api/districts');
      session.districts = new Map(districts.map(d => [d.id, d]));
      startLive();
    } catch (error) {
      signOut();
    }
  }
  route();
  window.addEventListener('hashchange', route); // only now: a hash change must not route before the bundle is loaded
})();
