// Small helpers every page shares: forms that call the API, one status line per form, navigation.
import { api } from './api.js';
import { describe } from './messages.js';

export const $ = (selector, root = document) => root.querySelector(selector);

/** Shows a message in the form's status line: role=alert for errors (read out at once), status otherwise. */
export function say(form, text, kind = 'error') {
  const line = $('.status', form);
  line.textContent = text;
  line.className = 'status ' + kind;
  line.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

/**
 * Runs `action` with the form's fields on submit: the button is disabled meanwhile, and a refusal
 * is shown in the form's status line as a sentence.
 */
export function onSubmit(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = $('button[type="submit"]', form);
    // A disabled button loses the focus to the page: it comes back after, so that the keyboard goes on from where it was.
    const focused = document.activeElement;
    button.disabled = true;
    say(form, '', 'status');
    try {
      await action(Object.fromEntries(new FormData(form)));
    } catch (error) {
      say(form, describe(error));
    } finally {
      button.disabled = false;
      if (document.activeElement === document.body && focused?.isConnected && !focused.closest('[hidden]')) focused.focus();
    }
  });
}

/**
 * Signs out, then leaves for the sign-in page. When the server did not end the session (it could not
 * be reached, or refused), the page stays and says so: leaving would look like a sign-out that did not
 * happen, on a computer the user may be about to walk away from.
 */
export async function signOut() {
  try {
    await api('POST', '/sign-out', {});
  } catch (error) {
    say($('main'), 'You are still signed in. ' + describe(error));
    return;
  }
  go('/sign-in');
}

/** Goes to a page of this site, or to a page elsewhere that the server accepted as a callbackURL. */
export function go(path) {
  window.location.assign(path);
}

/**
 * A local path from the query string (?next=/account), or the fallback: never another site. Browsers
 * drop tabs and line breaks from a URL and read a backslash as a slash, so "/\t/evil.example" would
 * lead to //evil.example: such characters are refused. The path must resolve on this origin, and
 * its resolved form must not start with // either ("/.//evil.example" resolves to "//evil.example"),
 * since that form is what is returned.
 */
export function localPath(value, fallback) {
  if (typeof value !== 'string' || !value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, window.location.origin);
    if (url.origin !== window.location.origin || url.pathname.startsWith('//')) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

export function show(element, visible = true) {
  element.hidden = !visible;
}
