import { api } from './api.js';
import { $, go, localPath, onSubmit, show } from './ui.js';

const params = new URLSearchParams(window.location.search);
const next = localPath(params.get('next'), '/account');
const passwordStep = $('#password-step');
const totpStep = $('#totp-step');
const backupStep = $('#backup-step');

function step(form) {
  for (const f of [passwordStep, totpStep, backupStep]) show(f, f === form);
  $('input:not([type="checkbox"])', form).focus();
}

onSubmit(passwordStep, async (fields) => {
  const answer = await api('POST', '/sign-in/email', {
    email: fields.email.trim(),
    password: fields.password,
    rememberMe: fields.rememberMe === 'on',
  });
  if (answer.twoFactorRedirect) {
    step(totpStep);
    return;
  }
  go(next);
});

onSubmit(totpStep, async (fields) => {
  await api('POST', '/two-factor/verify-totp', { code: fields.code.replace(/\s/g, ''), trustDevice: fields.trustDevice === 'on' });
  go(next);
});

onSubmit(backupStep, async (fields) => {
  await api('POST', '/two-factor/verify-backup-code', { code: fields.code.trim(), trustDevice: fields.trustDevice === 'on' });
  go(next);
});

$('#use-backup-code').addEventListener('click', () => step(backupStep));
$('#use-totp').addEventListener('click', () => step(totpStep));
$('#email').focus();
