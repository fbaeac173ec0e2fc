import { api } from './api.js';
import { $, go, localPath, onSubmit, say, show } from './ui.js';
import { VERIFIED_PAGE, refuse, requireEmail, showPasswords, withSentences } from './auth-forms.js';

const form = $('#sign-up');
const checkMail = $('#check-mail');
const resend = $('#resend');
let sentTo = null;

showPasswords($('#show-password'), [$('#password')]);

onSubmit(form, withSentences(form, async (fields) => {
  const name = fields.name.trim();
  if (!name) refuse($('#name'), 'Enter your name.');
  const email = requireEmail($('#email'));
  if (!fields.password) refuse($('#password'), 'Choose a password.');
  const answer = await api('POST', '/sign-up/email', {
    name,
    email,
    password: fields.password,
    callbackURL: VERIFIED_PAGE, // the mailed verification link lands on the verified page
  });
  if (answer.token) {
    go(localPath(new URLSearchParams(window.location.search).get('next'), '/account'));
    return;
  }
  // Email verification is required: no session until the mailed link has been followed.
  sentTo = email;
  form.reset();
  $('#sent-to').textContent = email;
  show(form, false);
  show(checkMail);
  checkMail.focus();
}));

onSubmit(resend, withSentences(resend, async () => {
  await api('POST', '/send-verification-email', { email: sentTo, callbackURL: VERIFIED_PAGE });
  say(resend, 'We sent a new link to ' + sentTo + '.', 'ok');
}));

$('#name').focus();
