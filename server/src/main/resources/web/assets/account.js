// The account page: profile, password, sessions, two-factor authentication and recent security
// events, all through the public API (docs/http-api.md), like any client of it.
import { api, currentSession } from './api.js';
import { describe } from './messages.js';
import { $, go, onSubmit, say, show, signOut } from './ui.js';
import { describeDevice } from './device.js';

const SIGN_IN = '/sign-in?next=/account';

/** The API, except that a session that ended elsewhere (401 UNAUTHORIZED) leads to the sign-in page. */
async function call(method, path, body) {
  try {
    return await api(method, path, body);
  } catch (error) {
    if (error.status === 401 && error.code === 'UNAUTHORIZED') go(SIGN_IN);
    throw error;
  }
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A <time> element for an ISO-8601 instant, written in the reader's locale. */
function time(iso) {
  const element = document.createElement('time');
  const date = iso ? new Date(iso) : null;
  if (date && !Number.isNaN(date.getTime())) {
    element.dateTime = iso;
    element.textContent = dateFormat.format(date);
  } else {
    element.textContent = 'unknown';
  }
  return element;
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Like onSubmit in ui.js, for forms with several submit buttons: the action gets the button pressed. */
function onSubmitWith(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    say(form, '', 'status');
    try {
      await action(Object.fromEntries(new FormData(form)), event.submitter);
    } catch (error) {
      say(form, describe(error));
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
}

/** Runs a click handler with the button disabled meanwhile; a refusal goes to the status line of `statusRoot`. */
function onClick(button, statusRoot, action) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    say(statusRoot, '', 'status');
    try {
      await action();
    } catch (error) {
      say(statusRoot, describe(error));
    } finally {
      button.disabled = false;
    }
  });
}

// --- the signed-in user --------------------------------------------------------------------------

let state = null; // {session, user} from /get-session
try {
  state = await currentSession();
  if (state === null) go(SIGN_IN);
} catch (error) {
  // Nothing to show or change without the account: its forms would act on nobody.
  for (const section of document.querySelectorAll('main section')) show(section, false);
  say($('main'), describe(error) + ' Then reload the page.');
}

$('#sign-out').addEventListener('click', signOut);

/** Whether the server answered an admin call: admin.emails makes administrators whatever their role. */
let adminByAddress = null;

async function showAdminLink(user) {
  const byRole = (user.role ?? '').split(',').map((r) => r.trim()).includes('admin');
  if (!byRole && adminByAddress === null) {
    adminByAddress = false; // asked once per page
    adminByAddress = await api('GET', '/admin/list-users?limit=1').then(() => true, () => false);
  }
  $('#admin-link').hidden = !(byRole || adminByAddress);
}

function showUser(user) {
  state.user = user;
  $('#who').textContent = user.name || user.email;
  $('#email').textContent = user.email;
  $('#password-username').value = user.email;
  showAdminLink(user);
  $('#email-verified').textContent = user.emailVerified ? 'Verified' : 'Not verified';
  $('#email-verified').classList.toggle('badge-warn', !user.emailVerified);
  show($('#verify-form'), !user.emailVerified);
  showTwoFactor(user.twoFactorEnabled);
}

/** Reads the session again (after a rotation: new id) and the lists that depend on it. */
async function refresh() {
  const fresh = await call('GET', '/get-session');
  if (fresh === null) {
    go(SIGN_IN);
    return;
  }
  state = fresh;
  showUser(fresh.user);
  await Promise.all([loadSessions(), loadEvents()]);
}

// --- profile -------------------------------------------------------------------------------------

const nameForm = $('#name-form');
onSubmit(nameForm, async (fields) => {
  const name = fields.name.trim();
  if (!name) throw new Error('Please enter a name.');
  await call('POST', '/update-user', { name });
  showUser({ ...state.user, name });
  say(nameForm, 'Your name is saved.', 'ok');
});

const verifyForm = $('#verify-form');
onSubmit(verifyForm, async () => {
  await call('POST', '/send-verification-email', { email: state.user.email, callbackURL: '/verified' });
  say(verifyForm, 'We sent a link to ' + state.user.email + '. Follow it to verify your address.', 'ok');
});

// --- password ------------------------------------------------------------------------------------

const passwordForm = $('#password-form');
onSubmit(passwordForm, async (fields) => {
  if (!fields.currentPassword) throw new Error('Please enter your current password.');
  if (!fields.newPassword) throw new Error('Please enter a new password.');
  if (fields.newPassword !== fields.confirmPassword) {
    $('#confirmPassword').focus();
    throw new Error('The new password and its confirmation are not the same.');
  }
  const revokeOtherSessions = fields.revokeOtherSessions === 'on';
  await call('POST', '/change-password', {
    currentPassword: fields.currentPassword,
    newPassword: fields.newPassword,
    revokeOtherSessions,
  });
  for (const id of ['currentPassword', 'newPassword', 'confirmPassword']) $('#' + id).value = '';
  // The session was rotated: the server set the new cookie; the list shows its new id.
  await refresh();
  say(passwordForm, revokeOtherSessions ? 'Your password is changed, and your other devices are signed out.'
    : 'Your password is changed.', 'ok');
});

// --- sessions ------------------------------------------------------------------------------------

const sessionsSection = $('#sessions-section');

async function loadSessions() {
  const sessions = await call('GET', '/list-sessions');
  const currentId = state.session.id;
  const mine = sessions.filter((s) => s.id === currentId);
  const others = sessions.filter((s) => s.id !== currentId);
  $('#sessions').replaceChildren(...mine.concat(others).map((s) => sessionItem(s, s.id === currentId)));
  show($('#revoke-others'), others.length > 0);
}

function sessionItem(s, current) {
  const device = describeDevice(s.userAgent);
  const item = element('li', current ? 'session current' : 'session');
  item.dataset.sessionId = s.id;
  const title = element('p', 'row session-title');
  title.append(element('strong', 'device', device));
  if (current) title.append(element('span', 'badge', 'This device'));
  const where = element('p', 'hint', 'IP address ' + (s.ipAddress || 'unknown'));
  const when = element('p', 'hint');
  when.append('Signed in ', time(s.createdAt), ' · Last active ', time(s.lastActiveAt ?? s.updatedAt));
  item.append(title, where, when);
  if (!current) {
    const button = element('button', 'secondary', 'Sign out');
    button.type = 'button';
    button.setAttribute('aria-label', 'Sign out ' + device + ', IP address ' + (s.ipAddress || 'unknown')
      + ', last active ' + when.lastChild.textContent);
    onClick(button, sessionsSection, async () => {
      await call('POST', '/revoke-session', { token: s.id });
      await loadSessions();
      say(sessionsSection, device + ' is signed out.', 'ok');
      $('#sessions-title').focus();
    });
    item.append(button);
  }
  return item;
}

onClick($('#revoke-others'), sessionsSection, async () => {
  await call('POST', '/revoke-other-sessions', {});
  await loadSessions();
  say(sessionsSection, 'All your other devices are signed out.', 'ok');
  $('#sessions-title').focus();
});

// --- two-factor authentication -------------------------------------------------------------------

const tfForm = $('#tf-password-form');
const verifyTotpForm = $('#tf-verify-form');
let enrolling = false;

function showTwoFactor(on) {
  $('#tf-state').textContent = on ? 'Two-factor authentication is on: signing in needs a code from your authenticator app.'
    : enrolling ? 'Two-factor authentication is off until you confirm a code from your app below.'
      : 'Two-factor authentication is off.';
  $('#tf-password-hint').textContent = on
    ? 'Confirm your password to make new backup codes or to turn two-factor authentication off.'
    : 'Protect your account with a code from an authenticator app on your phone, in addition to your password. Confirm your password to begin.';
  show($('#tf-enable'), !on);
  show($('#tf-backup'), on);
  show($('#tf-disable'), on);
  show(tfForm, !enrolling);
  show($('#tf-setup'), enrolling);
  show(verifyTotpForm, enrolling);
}

function showBackupCodes(codes, duringSetup) {
  $('#backup-codes').replaceChildren(...codes.map((c) => element('li', 'code', c)));
  show($('#backup-done'), !duringSetup);
  show($('#backup-panel'));
}

function hideBackupCodes() {
  $('#backup-codes').replaceChildren();
  show($('#backup-panel'), false);
}

/** The `secret` parameter of an otpauth:// URI, for people who type it into their app. */
function secretOf(totpUri) {
  const query = totpUri.includes('?') ? totpUri.slice(totpUri.indexOf('?') + 1) : '';
  return new URLSearchParams(query).get('secret') ?? '';
}

onSubmitWith(tfForm, async (fields, submitter) => {
  const on = state.user.twoFactorEnabled;
  // Enter in the field "presses" the first submit button, even a hidden one. With two-factor off that
  // can only mean "Turn on"; with it on, both actions undo something (the old backup codes, or 2FA).
  const pressed = submitter && !submitter.hidden ? submitter.value : null;
  if (on && pressed === null) throw new Error('Choose "Show new backup codes" or "Turn off".');
  const action = pressed ?? 'enable';
  if (!fields.password) throw new Error('Please enter your password.');
  if (action === 'enable') {
    const answer = await call('POST', '/two-factor/enable', { password: fields.password });
    $('#tf-password').value = '';
    $('#tf-qr').src = answer.qrCode;
    $('#totp-secret').textContent = secretOf(answer.totpURI);
    showBackupCodes(answer.backupCodes, true);
    enrolling = true;
    showTwoFactor(false);
    $('#tf-setup-title').focus();
  } else if (action === 'backup') {
    const answer = await call('POST', '/two-factor/generate-backup-codes', { password: fields.password });
    $('#tf-password').value = '';
    showBackupCodes(answer.backupCodes, false);
    $('#backup-title').focus();
  } else if (action === 'disable') {
    await call('POST', '/two-factor/disable', { password: fields.password });
    $('#tf-password').value = '';
    hideBackupCodes();
    await refresh(); // the session was rotated
    say(tfForm, 'Two-factor authentication is turned off.', 'ok');
    $('#tf-title').focus();
  }
});

onSubmit(verifyTotpForm, async (fields) => {
  const code = fields.code.replace(/\s/g, '');
  if (!code) throw new Error('Please enter the code your app shows.');
  await call('POST', '/two-factor/verify-totp', { code });
  enrolling = false;
  $('#tf-code').value = '';
  $('#tf-qr').removeAttribute('src');
  $('#totp-secret').textContent = '';
  show($('#backup-done'));
  await refresh(); // the session was rotated; the user is now enrolled
  say(tfForm, 'Two-factor authentication is turned on. Keep your backup codes safe.', 'ok');
  $('#tf-title').focus();
});

$('#tf-cancel').addEventListener('click', () => {
  enrolling = false;
  $('#tf-qr').removeAttribute('src');
  $('#totp-secret').textContent = '';
  hideBackupCodes();
  say(verifyTotpForm, '', 'status');
  showTwoFactor(state.user.twoFactorEnabled);
  $('#tf-password').focus();
});

$('#backup-done').addEventListener('click', () => {
  hideBackupCodes();
  $('#tf-title').focus();
});

// --- recent security events ----------------------------------------------------------------------

const EVENT_LABELS = {
  sign_up: 'Account created',
  user_created: 'Account created',
  sign_in_success: 'Signed in',
  sign_in_failure: 'Failed sign-in',
  sign_out: 'Signed out',
  session_revoked: 'Signed out remotely',
  password_changed: 'Password changed',
  password_reset: 'Password reset',
  email_verified: 'Email address verified',
  role_changed: 'Roles changed',
  user_banned: 'Account suspended',
  user_unbanned: 'Suspension lifted',
  account_locked: 'Account locked after failed attempts',
  account_unlocked: 'Account unlocked',
  two_factor_enabled: 'Two-factor authentication turned on',
  two_factor_disabled: 'Two-factor authentication turned off',
  two_factor_failed: 'Wrong two-factor code',
  backup_codes_regenerated: 'New backup codes made',
  user_removed: 'Account deleted',
};

/** Why, in a few words, for the types whose `detail.reason` a user can act on. */
const EVENT_REASONS = {
  session_revoked: {
    user: 'By you, from another device',
    password_changed: 'Because the password was changed',
    admin: 'By an administrator',
    banned: 'Because the account was suspended',
    role_changed: 'Because your roles changed',
    password_set_by_admin: 'Because an administrator set a new password',
    password_reset: 'Because the password was reset',
    session_limit: 'To make room for a newer sign-in',
  },
  sign_in_failure: {
    wrong_password: 'Wrong password',
    locked: 'The account was locked',
    banned: 'The account is suspended',
    email_not_verified: 'The email address was not verified',
    too_many_sessions: 'Signed in on too many devices',
  },
};

const eventsSection = $('#events-section');

async function loadEvents() {
  const answer = await call('GET', '/list-security-events?limit=20');
  const items = answer.events.map((e) => {
    const item = element('li', 'event');
    item.dataset.type = e.type;
    const line = element('p', 'hint');
    line.append(time(e.at), ' · IP address ' + (e.ipAddress || 'unknown'));
    if (e.userAgent) line.append(' · ' + describeDevice(e.userAgent));
    item.append(element('strong', 'event-label', EVENT_LABELS[e.type] ?? e.type));
    const reason = EVENT_REASONS[e.type]?.[e.detail?.reason];
    if (reason) item.append(element('p', 'hint event-reason', reason));
    item.append(line);
    return item;
  });
  if (items.length === 0) items.push(element('li', 'hint', 'Nothing yet.'));
  $('#events').replaceChildren(...items);
}

// --- start ---------------------------------------------------------------------------------------

if (state) {
  showUser(state.user);
  $('#name').value = state.user.name ?? '';
  loadSessions().catch((error) => say(sessionsSection, describe(error)));
  loadEvents().catch((error) => say(eventsSection, describe(error)));
}
