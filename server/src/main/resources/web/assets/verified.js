import { api, currentSession } from './api.js';
import { describe } from './messages.js';
import { $, onSubmit, say, show } from './ui.js';
import { VERIFIED_PAGE, requireEmail, withSentences } from './auth-forms.js';

// The email-verification link lands here: /verified when it worked, /verified?error=CODE when not.
const error = new URLSearchParams(window.location.search).get('error');
const session = await currentSession().catch(() => null);

if (!error) {
  if (session) {
    const next = $('#continue');
    next.href = '/account';
    next.textContent = 'Go to your account';
  }
  show($('#verified'));
} else {
  $('#failed-reason').textContent = error === 'INVALID_TOKEN' || error === 'TOKEN_EXPIRED'
    ? describe({ code: error })
    : 'This link cannot be used.';
  // Signed in, the new link goes to the account's own address whatever is typed: show that one.
  if (session) $('#email').value = session.user.email;
  show($('#failed'));
}

const resend = $('#resend');
onSubmit(resend, withSentences(resend, async () => {
  const email = requireEmail($('#email'));
  await api('POST', '/send-verification-email', { email, callbackURL: VERIFIED_PAGE });
  say(resend, session
    ? 'We sent a new link to ' + session.user.email + '.'
    : 'If ' + email + ' belongs to an account that still needs verifying, we sent a new link to it.', 'ok');
}));
