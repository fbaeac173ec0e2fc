// What the pages around signing in share (sign-up, forgot-password, reset-password, verified):
// checks in the page before a request, and refusals as sentences that name the field concerned.
import { ApiError } from './api.js';
import { describe } from './messages.js';

/** Where the mailed email-verification links lead (sent as callbackURL). */
export const VERIFIED_PAGE = '/verified';
/** Where the mailed password-reset links lead (sent as redirectTo). */
export const RESET_PAGE = '/reset-password';

/** A refusal by the page itself: its message is already the sentence to show. */
class Refusal extends Error {}

/** Refuses a field before any request: marks it invalid, puts the focus on it, and the form's status line says why. */
export function refuse(input, sentence) {
  input.setAttribute('aria-invalid', 'true');
  input.focus();
  throw new Refusal(sentence);
}

/** The trimmed email address of the input, or a refusal when it is empty or not an address. */
export function requireEmail(input) {
  const value = input.value.trim();
  if (!value) refuse(input, 'Enter your email address.');
  if (!input.checkValidity()) refuse(input, 'That email address does not look right. It should look like name@example.com.');
  return value;
}

/** Lets a checkbox show the typed passwords as text, and hide them again. */
export function showPasswords(checkbox, inputs) {
  checkbox.addEventListener('change', () => {
    for (const input of inputs) input.type = checkbox.checked ? 'text' : 'password';
  });
}

const FIELD_SENTENCES = {
  name: 'Enter your name (at most 255 characters, no control characters).',
  email: 'That email address does not look right. It should look like name@example.com.',
  password: 'Choose a password.',
  newPassword: 'Choose a new password.',
};

/** The server's detail after "…:" in a password-policy message, as a sentence ("Use at least 12 characters."). */
function detail(message) {
  const rest = message.slice(message.indexOf(':') + 1).trim();
  if (!rest) return '';
  const sentence = rest[0].toUpperCase() + rest.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : sentence + '.';
}

/** A sentence for a refusal: describe()'s, with the policy's own numbers and kinds where describe() leaves them out. */
export function explain(error) {
  if (error instanceof Refusal) return error.message;
  if (error?.code === 'VALIDATION_ERROR') {
    const fields = [...(error.message ?? '').matchAll(/\[body\.(\w+)\]/g)].map((m) => m[1]);
    const sentences = [...new Set(fields.map((f) => FIELD_SENTENCES[f]).filter(Boolean))];
    if (sentences.length) return sentences.join(' ');
  }
  let text = describe(error);
  const code = error?.code ?? '';
  if (['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'PASSWORD_MISSING_CHARACTER_CLASS'].includes(code) && error.message?.includes(':')) {
    text += ' ' + detail(error.message);
  }
  return text.trim();
}

/**
 * Wraps a form action for onSubmit(): a refusal (the page's or the API's) becomes an Error whose
 * message is the sentence, and the field it concerns is marked invalid and focused.
 */
export function withSentences(form, action) {
  form.addEventListener('input', (event) => event.target.removeAttribute('aria-invalid'));
  return async (fields) => {
    try {
      await action(fields);
    } catch (error) {
      if (error instanceof ApiError) markField(form, error);
      throw new Refusal(explain(error));
    }
  };
}

function markField(form, error) {
  let input = null;
  if (error.code.startsWith('PASSWORD_')) {
    input = form.elements.namedItem('password') ?? form.elements.namedItem('newPassword');
  } else if (error.code === 'VALIDATION_ERROR') {
    const field = /\[body\.(\w+)\]/.exec(error.message ?? '')?.[1];
    input = field ? form.elements.namedItem(field) : null;
  }
  if (input instanceof HTMLInputElement) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}
