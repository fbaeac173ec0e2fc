import { api } from './api.js';
import { $, onSubmit, show } from './ui.js';
import { RESET_PAGE, requireEmail, withSentences } from './auth-forms.js';

const form = $('#request');
const sent = $('#sent');

onSubmit(form, withSentences(form, async () => {
  const email = requireEmail($('#email'));
  // The answer is the same whether or not the address has an account, and so is this page.
  await api('POST', '/request-password-reset', { email, redirectTo: RESET_PAGE });
  $('#sent-to').textContent = email;
  show(form, false);
  show(sent);
  sent.focus();
}));

$('#try-again').addEventListener('click', () => {
  show(sent, false);
  show(form);
  $('#email').focus();
});

$('#email').focus();
