// How the admin console words what the API answers: devices from user agents, dates, audit events.
// Pure functions of their arguments; the page puts their results in with textContent only.

/** A short name for the device behind a User-Agent header: "Chrome on Linux", "curl", "Unknown device". */
export function device(userAgent) {
  const ua = userAgent ?? '';
  if (!ua) return 'Unknown device';
  if (ua === 'portcullis-cli') return 'Command line';
  const browser =
    /Edg(e|A|iOS)?\//.test(ua) ? 'Edge'
      : /OPR\/|Opera/.test(ua) ? 'Opera'
        : /Firefox\/|FxiOS/.test(ua) ? 'Firefox'
          : /HeadlessChrome/.test(ua) ? 'Headless Chrome'
            : /Chrome\/|CriOS|Chromium/.test(ua) ? 'Chrome'
              : /Safari\//.test(ua) ? 'Safari'
                : /^curl\//i.test(ua) ? 'curl'
                  : /Java-http-client|^Java\//.test(ua) ? 'Java client'
                    : null;
  const system =
    /Android/.test(ua) ? 'Android'
      : /iPhone|iPad|iPod/.test(ua) ? 'iOS'
        : /Windows/.test(ua) ? 'Windows'
          : /CrOS/.test(ua) ? 'ChromeOS'
            : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
              : /Linux|X11/.test(ua) ? 'Linux'
                : null;
  if (browser && system) return browser + ' on ' + system;
  return browser ?? system ?? (ua.length > 40 ? ua.slice(0, 40) + '…' : ua);
}

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO-8601 instant as people read it, in the browser's language and time zone; '—' for none. */
export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : DATE.format(date);
}

const EVENTS = {
  sign_up: 'Signed up',
  user_created: 'Created on the command line',
  sign_in_success: 'Signed in',
  sign_in_failure: 'Sign-in refused',
  sign_out: 'Signed out',
  session_revoked: 'Sessions ended',
  password_changed: 'Password changed',
  email_verified: 'Email verified',
  password_reset: 'Password reset',
  role_changed: 'Role changed',
  user_banned: 'Banned',
  user_unbanned: 'Ban lifted',
  account_locked: 'Account locked',
  account_unlocked: 'Account unlocked',
  two_factor_enabled: 'Two-factor turned on',
  two_factor_disabled: 'Two-factor turned off',
  two_factor_failed: 'Wrong two-factor code',
  backup_codes_regenerated: 'New backup codes',
  server_secret_replaced: 'Server secret replaced',
  user_removed: 'User deleted',
};

/** The event type in words ("Signed in"); an unknown type as it is. */
export function eventName(type) {
  return EVENTS[type] ?? type;
}

const KEYS = {
  reason: 'reason',
  count: 'sessions',
  revokedSessionId: 'session',
  method: 'method',
  stage: 'stage',
  by: 'by',
  from: 'from',
  to: 'to',
  role: 'role',
  banReason: 'reason',
  banExpires: 'until',
  lockedUntil: 'until',
  lock: 'lock no.',
  wasLocked: 'was locked',
  email: 'email',
  removedUserId: 'user id',
  unreadableEnrolments: 'unreadable enrolments',
  truncated: 'truncated',
};
const INSTANTS = new Set(['banExpires', 'lockedUntil']);

/** An event's detail object as one line of text: "reason: wrong password, until: …". */
export function detailText(detail) {
  if (!detail || typeof detail !== 'object') return '';
  return Object.entries(detail).map(([key, value]) => {
    let text;
    if (INSTANTS.has(key)) text = when(value);
    else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
    else if (key === 'reason' || key === 'method' || key === 'stage') text = String(value).replaceAll('_', ' ');
    else text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    return (KEYS[key] ?? key) + ': ' + text;
  }).join(', ');
}

/** The roles of a role string, trimmed, without empty names. */
export function roles(role) {
  return (role ?? '').split(',').map((r) => r.trim()).filter((r) => r);
}
