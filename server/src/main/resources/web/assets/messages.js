// API error codes as sentences for people. The code stays the contract; these are only its reading.

const MESSAGES = {
  INVALID_EMAIL_OR_PASSWORD: 'The email address or the password is not right.',
  INVALID_PASSWORD: 'That password is not right.',
  ACCOUNT_LOCKED: 'Too many failed attempts: this account is locked for a while.',
  RATE_LIMITED: 'Too many attempts from here.',
  BANNED_USER: 'This account has been suspended. Contact your administrator.',
  EMAIL_NOT_VERIFIED: 'Please verify your email address first: follow the link we mailed you.',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'An account with this email address exists already. Sign in instead.',
  EMAIL_PASSWORD_SIGN_UP_DISABLED: 'New accounts cannot be created here. Ask the administrator for one.',
  PASSWORD_TOO_SHORT: 'This password is too short.',
  PASSWORD_TOO_LONG: 'This password is too long.',
  PASSWORD_TOO_WEAK: 'This password is too easy to guess.',
  PASSWORD_MISSING_CHARACTER_CLASS: 'This password lacks a required kind of character.',
  INVALID_TOKEN: 'This link is not valid any more: it has expired, was used already, or was replaced by a newer one.',
  TOKEN_EXPIRED: 'This link has expired. Ask for a new one.',
  INVALID_CODE: 'That code is not right, or was used already. Wait for the next one.',
  INVALID_BACKUP_CODE: 'That backup code is not right, or was used already.',
  INVALID_TWO_FACTOR_COOKIE: 'This sign-in has expired. Please start again.',
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: 'Too many wrong codes. Please sign in again.',
  TWO_FACTOR_ALREADY_ENABLED: 'Two-factor authentication is already on.',
  TWO_FACTOR_NOT_ENABLED: 'Two-factor authentication is not on.',
  TOTP_NOT_ENABLED: 'Two-factor authentication is not set up.',
  TOO_MANY_SESSIONS: 'You are signed in on too many devices. Sign out on one of them first.',
  UNAUTHORIZED: 'Please sign in.',
  INVALID_ORIGIN: 'This page may not do that (wrong origin).',
  MISSING_OR_NULL_ORIGIN: 'This page may not do that (no origin).',
  INVALID_CSRF_TOKEN: 'Your session changed in another tab. Reload the page.',
  SERVICE_UNAVAILABLE: 'The service is unavailable for a moment. Try again shortly.',
  NETWORK_ERROR: 'The server cannot be reached. Check your connection.',
  YOU_CANNOT_BAN_YOURSELF: 'You cannot suspend your own account.',
  YOU_CANNOT_REMOVE_YOURSELF: 'You cannot delete your own account here.',
  USER_NOT_FOUND: 'That user does not exist any more.',
  EMAIL_ALREADY_VERIFIED: 'Your email address is verified already: there is nothing more to do.',
  INVALID_CALLBACK_URL: 'The server does not trust the page this link would lead back to. Please tell the administrator.',
  INVALID_REDIRECT_URL: 'The server does not trust the page the reset link would lead to. Please tell the administrator.',
};

/** Where the server expects its pages (baseUrl's origin); a page opened at another address is refused. */
const SITE = document.querySelector('meta[name="portcullis-origin"]')?.content;

/** A sentence for an ApiError (or any error): known codes read as people speak; others as the server said. */
export function describe(error) {
  if (error?.code?.startsWith('YOU_ARE_NOT_ALLOWED')) return 'Only administrators may do this.';
  if ((error?.code === 'INVALID_ORIGIN' || error?.code === 'MISSING_OR_NULL_ORIGIN') && SITE && SITE !== window.location.origin) {
    return 'This site answers at ' + SITE + ', not at ' + window.location.origin + ': open it there.';
  }
  // An answer without a sentence (a proxy's error page, HTTP/2's empty status text) still gets one.
  let text = MESSAGES[error?.code]
    ?? (error?.status >= 500 && error.code === 'UNKNOWN' ? 'The server had a problem. Try again shortly.' : null)
    ?? (error?.message || 'Something went wrong.');
  if (error?.code === 'PASSWORD_TOO_WEAK' && error.message?.includes(':')) {
    text += ' ' + error.message.slice(error.message.indexOf(':') + 1).trim();
  }
  if (error?.retryAfter && (error.code === 'RATE_LIMITED' || error.code === 'ACCOUNT_LOCKED')) {
    text += ' Try again in ' + waitText(Number(error.retryAfter)) + '.';
  }
  return text;
}

function waitText(seconds) {
  if (seconds < 90) return seconds + (seconds === 1 ? ' second' : ' seconds');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return minutes + ' minutes';
  return Math.ceil(minutes / 60) + ' hours';
}
