import { api } from './api.js';
import { describe } from './messages.js';
import { $, onSubmit, show } from './ui.js';
import { refuse, showPasswords, withSentences } from './auth-forms.js';

// The mailed link arrives here as ?token=… (or ?error=INVALID_TOKEN once it cannot be used). The
// token is kept in memory only and taken out of the address bar, so it stays out of the history.
const params = new URLSearchParams(window.location.search);
const token = params.get('token');
const error = params.get('error');
if (params.has('token')) {
  params.delete('token');
  const query = params.toString();
  window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
}

const form = $('#reset');
const done = $('#done');
const unusable = $('#unusable');

/** Shows why the link cannot be used; `announce` moves the focus there (after a submit, not on arrival). */
function linkUnusable(code, announce) {
  $('#unusable-reason').textContent = code === 'INVALID_TOKEN' || code === 'TOKEN_EXPIRED'
    ? describe({ code })
    : 'This link cannot be used. Ask for a new one.';
  show(form, false);
  show(unusable);
  if (announce) unusable.focus();
}

if (token) {
  show(form);
  showPasswords($('#show-password'), [$('#newPassword'), $('#confirmPassword')]);
  $('#newPassword').focus();
} else if (error) {
  linkUnusable(error, false);
} else {
  show($('#no-link'));
}

onSubmit(form, withSentences(form, async (fields) => {
  if (!fields.newPassword) refuse($('#newPassword'), 'Choose a new password.');
  if (fields.newPassword !== fields.confirmPassword) {
    refuse($('#confirmPassword'), 'The two passwords are not the same. Type the new password again in both fields.');
  }
  try {
    await api('POST', '/reset-password', { token, newPassword: fields.newPassword });
  } catch (e) {
    if (e.code === 'INVALID_TOKEN') {
      form.reset();
      // The API answers an expired link INVALID_TOKEN too (as Better Auth does); its message says which.
      linkUnusable(/expired/i.test(e.message ?? '') ? 'TOKEN_EXPIRED' : e.code, true);
      return;
    }
    throw e; // a password the policy refuses leaves the link usable: the person tries another one
  }
  form.reset();
  show(form, false);
  show(done);
  done.focus();
}));
