// Sign-in with an API token (docs/API.md): kept in this tab's sessionStorage only, checked with /api/me.
import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { signIn } from './api.js';
import { errorBox } from './ui.js';

export function mount(root, { onSignedIn }) {
  const token = h('input', { id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: t('signIn.tokenPlaceholder') });
  const error = h('div', { class: 'signin-error' });
  const button = h('button', { type: 'submit', class: 'button primary', id: 'sign-in' }, t('signIn.submit'));
  const form = h('form', { class: 'signin-card card', onsubmit: async event => {
    event.preventDefault();
    button.disabled = true;
    fill(error);
    try {
      await signIn(token.value.trim());
      onSignedIn();
    } catch (failure) {
      fill(error, failure.status === 401 ? errorBox({ code: 'badToken' }) : errorBox(failure));
      button.disabled = false;
      token.select();
    }
  } },
  h('img', { class: 'signin-mark', src: 'favicon.svg', alt: '' }),
  h('h1', null, t('signIn.title')),
  h('p', { class: 'muted' }, t('signIn.intro')),
  h('label', { class: 'field' }, h('span', null, t('signIn.token')), token),
  button, error,
  h('p', { class: 'hint' }, t('signIn.hint')));
  fill(root, h('section', { class: 'page page-signin' }, form));
  token.focus();
  return () => {};
}
