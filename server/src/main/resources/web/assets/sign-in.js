import { api } from './api.js';
import { $, go, localPath, onSubmit, show } from './ui.js';

const params = new URLSearchParams(window.location.search);
const requested = params.get('next');
const next = localPath(requested, '/account');
// A page of an application elsewhere (the servlet filter sends its visitors here with one): followed
// only when the server accepts it as the sign-in's callbackURL, that is, on a trusted origin.
let elsewhere = localPath(requested, null) === null && /^https?:\/\//i.test(requested ?? '') ? requested : null;
const passwordStep = $('#password-step');
const totpStep = $('#totp-step');
const backupStep = $('#backup-step');

function step(form) {
  for (const f of [passwordStep, totpStep, backupStep]) show(f, f === form);
  $('input:not([type="checkbox"])', form).focus();
}

/** Signs in; an untrusted page to go back to is dropped (the server refuses it before it checks the password). */
async function signIn(fields) {
  const body = { email: fields.email.trim(), password: fields.password, rememberMe: fields.rememberMe === 'on' };
  if (elsewhere) body.callbackURL = elsewhere;
  try {
    return await api('POST', '/sign-in/email', body);
  } catch (error) {
    if (error.code !== 'INVALID_CALLBACK_URL') throw error;
    elsewhere = null;
    delete body.callbackURL;
    return api('POST', '/sign-in/email', body);
  }
}

function leave() {
  go(elsewhere ?? next);
}

onSubmit(passwordStep, async (fields) => {
  const answer = await signIn(fields);
  if (answer.twoFactorRedirect) {
    step(totpStep);
    return;
  }
  leave();
});

onSubmit(totpStep, async (fields) => {
  await api('POST', '/two-factor/verify-totp', { code: fields.code.replace(/\s/g, ''), trustDevice: fields.trustDevice === 'on' });
  leave();
});

onSubmit(backupStep, async (fields) => {
  await api('POST', '/two-factor/verify-backup-code', { code: fields.code.trim(), trustDevice: fields.trustDevice === 'on' });
  leave();
});

$('#use-backup-code').addEventListener('click', () => step(backupStep));
$('#use-totp').addEventListener('click', () => step(totpStep));
$('#email').focus();
