import { api } from './api.js';
import { VERIFIED_PAGE } from './auth-forms.js';
import { describe } from './messages.js';
import { $, go, localPath, onSubmit, say, show } from './ui.js';

const params = new URLSearchParams(window.location.search);
const requested = params.get('next');
const next = localPath(requested, '/account');
// A page of an application elsewhere (the servlet filter sends its visitors here with one): followed
// only when the server accepts it as the sign-in's callbackURL, that is, on a trusted origin.
let elsewhere = localPath(requested, null) === null && /^https?:\/\//i.test(requested ?? '') ? requested : null;
const passwordStep = $('#password-step');
const totpStep = $('#totp-step');
const backupStep = $('#backup-step');
const resend = $('#resend');
/** The address whose sign-in was refused until it is verified: a new link may be sent to it. */
let unverified = null;
/** Refusals after which another code may still succeed; after any other the sign-in starts again. */
const TRY_AGAIN = ['INVALID_CODE', 'INVALID_BACKUP_CODE', 'VALIDATION_ERROR', 'RATE_LIMITED', 'NETWORK_ERROR', 'SERVICE_UNAVAILABLE'];

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
  show(resend, false);
  let answer;
  try {
    answer = await signIn(fields);
  } catch (error) {
    // Only the right password hears this: the address is the caller's, and a new link may go to it.
    if (error.code === 'EMAIL_NOT_VERIFIED') {
      unverified = fields.email.trim();
      say(resend, '', 'status');
      show(resend, true);
    }
    throw error;
  }
  if (answer.twoFactorRedirect) {
    step(totpStep);
    return;
  }
  leave();
});

onSubmit(resend, async () => {
  await api('POST', '/send-verification-email', { email: unverified, callbackURL: VERIFIED_PAGE });
  say(resend, 'We sent a new link to ' + unverified + '. Follow it, then sign in.', 'ok');
});

/** The second factor; a sign-in that cannot be completed any more goes back to the password. */
async function secondFactor(path, body) {
  try {
    await api('POST', path, body);
  } catch (error) {
    if (TRY_AGAIN.includes(error.code) || error.status >= 500) throw error;
    $('#password').value = '';
    step(passwordStep);
    say(passwordStep, describe(error));
    return;
  }
  leave();
}

onSubmit(totpStep, (fields) =>
  secondFactor('/two-factor/verify-totp', { code: fields.code.replace(/\s/g, ''), trustDevice: fields.trustDevice === 'on' }));

onSubmit(backupStep, (fields) =>
  secondFactor('/two-factor/verify-backup-code', { code: fields.code.trim(), trustDevice: fields.trustDevice === 'on' }));

// A new visitor sent here from a page of this site goes back to it after signing up, too.
if (localPath(requested, null) !== null) $('#sign-up-link').href = '/sign-up?next=' + encodeURIComponent(next);

$('#use-backup-code').addEventListener('click', () => step(backupStep));
$('#use-totp').addEventListener('click', () => step(totpStep));
$('#email').focus();
