// The admin console's user panel: the selected user's details, sessions and events, and what an
// administrator can do to them (sign out everywhere, ban/unban, unlock, change the role); the risky
// ones ask for a second click. After an action the panel, the user list and the audit trail are read again.
import { $, show } from './ui.js';
import { describe } from './messages.js';
import { Handled, call, query } from './admin-api.js';
import { badge, cell, fail, tell } from './admin-ui.js';
import { remember, renderEvents } from './admin-events.js';
import { device, roles, when } from './admin-format.js';
import { listUsers, onManage } from './admin-users.js';
import { loadAudit } from './admin-audit.js';

const USER_EVENTS_SIZE = 20;
const CONFIRM_TEXT = 'Click again to confirm';

/** The user shown in the panel, as last read. */
let current = null;
const who = () => current?.email ?? 'this user';

// --- confirmation by a second click ---------------------------------------------------------------

const panelStatus = $('#panel-status');
const armed = new Set();

/**
 * The button's first click only arms it ("Click again to confirm"); the second one does the action:
 * its click (plain buttons) or its form's submit (submit buttons). Escape, leaving the button, arming
 * another one or 30 seconds disarm it.
 */
function confirmable(button, warning, action) {
  const label = button.textContent;
  let timer = null;
  const disarm = () => {
    if (!armed.has(disarm)) return;
    armed.delete(disarm);
    clearTimeout(timer);
    button.textContent = label;
    button.classList.remove('armed');
  };
  button.addEventListener('click', async (event) => {
    if (!armed.has(disarm)) {
      event.preventDefault();
      for (const other of [...armed]) other();
      armed.add(disarm);
      button.textContent = CONFIRM_TEXT;
      button.classList.add('armed');
      tell(panelStatus, warning() + ' Click the button again to confirm.', 'status');
      timer = setTimeout(disarm, 30000);
      return;
    }
    disarm();
    if (action) await action();
  });
  button.addEventListener('blur', disarm);
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') disarm();
  });
  return disarm;
}

function disarmAll() {
  for (const disarm of [...armed]) disarm();
}

// --- the user panel -------------------------------------------------------------------------------

const panel = $('#user-panel');

async function openUser(id) {
  disarmAll();
  current = { id };
  tell(panelStatus, '', 'status');
  $('#banReason').value = '';
  $('#banDuration').value = '';
  show(panel);
  $('#panel-title').textContent = 'User';
  try {
    await refreshPanel();
  } catch (error) {
    fail(panelStatus, error);
  }
  $('#panel-title').focus({ preventScroll: true });
  panel.scrollIntoView({ block: 'start' });
}

/** Reads the user, their sessions and their events again, and shows them. */
async function refreshPanel() {
  const id = current.id;
  const [user, sessions, events] = await Promise.all([
    call('GET', '/admin/get-user?' + query({ id })),
    call('POST', '/admin/list-user-sessions', { userId: id }),
    call('GET', '/admin/audit-events?' + query({ userId: id, limit: USER_EVENTS_SIZE })),
  ]);
  if (current?.id !== id) return; // another user was opened meanwhile
  current = user;
  remember(user);
  renderUser(user);
  renderSessions(sessions.sessions);
  renderLock(user);
  await renderEvents($('#user-events tbody'), events.events, false);
  show($('#user-events-empty'), events.events.length === 0);
  show($('#user-events'), events.events.length > 0);
}

function renderUser(user) {
  $('#panel-title').textContent = 'User: ' + user.email;
  $('#u-email').textContent = user.email;
  $('#u-name').textContent = user.name || '—';
  $('#u-role').textContent = user.role;
  $('#u-id').textContent = user.id;
  $('#u-verified').textContent = user.emailVerified ? 'Yes' : 'No';
  $('#u-2fa').textContent = user.twoFactorEnabled ? 'On' : 'Off';
  $('#u-created').textContent = when(user.createdAt);
  $('#u-status').textContent = user.banned ? banText(user) : 'Active';
  const banForm = $('#ban-form');
  const unbanBox = $('#unban-box');
  const wasBanForm = !banForm.hidden;
  show(banForm, !user.banned);
  show(unbanBox, user.banned);
  $('#ban-info').textContent = user.banned ? banText(user) : '';
  // the button pressed may just have been hidden: keep the keyboard near it
  if (user.banned && wasBanForm && document.activeElement === document.body) $('#unban').focus();
  if (!user.banned && !wasBanForm && document.activeElement === document.body) $('#ban').focus();
  $('#role').value = user.role;
}

function banText(user) {
  let text = user.banExpires ? 'Banned until ' + when(user.banExpires) : 'Banned until the ban is lifted';
  if (user.banReason) text += ' — reason: ' + user.banReason;
  return text + '.';
}

function renderSessions(sessions) {
  const body = $('#session-table tbody');
  body.replaceChildren();
  for (const s of sessions) {
    const tr = document.createElement('tr');
    const what = cell(device(s.userAgent), 'Device');
    if (s.userAgent) what.title = s.userAgent;
    if (s.current) what.append(' ', badge('this browser'));
    tr.append(what, cell(s.ipAddress || 'unknown', 'IP address'), cell(when(s.createdAt), 'Signed in'), cell(when(s.lastActiveAt), 'Last active'));
    body.append(tr);
  }
  show($('#session-table'), sessions.length > 0);
  show($('#sessions-empty'), sessions.length === 0);
}

/** The account's lockout, as get-user reports it: locked until when, or how many failed attempts count so far. */
function renderLock(user) {
  const info = $('#lock-info');
  info.replaceChildren();
  if (user.lockedUntil) {
    info.append(badge('Locked', 'danger'), ' Locked until ' + when(user.lockedUntil)
      + ' (it lifts by itself then). Unlocking lifts it now and forgets the failed attempts.');
  } else if (user.failedAttempts > 0) {
    info.textContent = 'Not locked; ' + user.failedAttempts + (user.failedAttempts === 1 ? ' failed attempt counts' : ' failed attempts count')
      + ' toward the next lock. Unlocking forgets them.';
  } else {
    info.textContent = 'Not locked. After too many wrong passwords an account is locked for a while. Unlocking lifts the lock and forgets the failed attempts.';
  }
}

/**
 * Runs an action on the panel's user: its outcome in the panel's status line, then the panel, the
 * user list and the audit trail read again.
 */
async function act(button, action, success) {
  if (!current?.id) return;
  const target = current;
  button.disabled = true;
  tell(panelStatus, 'Working…', 'status');
  try {
    await action(target);
    tell(panelStatus, success(target), 'ok');
  } catch (error) {
    fail(panelStatus, error);
    return;
  } finally {
    button.disabled = false;
  }
  try {
    await Promise.all([refreshPanel(), listUsers(), loadAudit()]);
  } catch (error) {
    if (!(error instanceof Handled)) tell(panelStatus, panelStatus.textContent + ' (The page could not be refreshed: ' + describe(error) + ')');
  }
}

confirmable($('#revoke-sessions'),
  () => 'Sign ' + who() + ' out of every device?',
  () => act($('#revoke-sessions'),
    (user) => call('POST', '/admin/revoke-user-sessions', { userId: user.id }),
    (user) => user.email + ' is signed out everywhere.'));

confirmable($('#ban'), () => 'Ban ' + who() + ' and sign them out everywhere?');
$('#ban-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const reason = $('#banReason').value.trim();
  const seconds = $('#banDuration').value;
  const body = { userId: current.id };
  if (reason) body.banReason = reason;
  if (seconds) body.banExpiresIn = Number(seconds);
  act($('#ban'), () => call('POST', '/admin/ban-user', body), (user) => {
    $('#banReason').value = '';
    $('#banDuration').value = '';
    return user.email + ' is banned' + (seconds ? ' for ' + $('#banDuration option[value="' + seconds + '"]').textContent : '') + ' and signed out everywhere.';
  });
});

$('#unban').addEventListener('click', () => act($('#unban'),
  (user) => call('POST', '/admin/unban-user', { userId: user.id }),
  (user) => 'The ban on ' + user.email + ' is lifted: they can sign in again.'));

$('#unlock').addEventListener('click', () => act($('#unlock'),
  (user) => call('POST', '/admin/unlock-user', { userId: user.id }),
  (user) => user.email + ' is unlocked: their failed attempts are forgotten.'));

const ROLE_NAME = /^[A-Za-z0-9_-]{1,32}$/;
const roleInput = $('#role');
const disarmRole = confirmable($('#save-role'), () => 'Change the role of ' + who() + ' to “' + roles(roleInput.value).join(',')
  + '”? This signs them out everywhere.');
$('#role-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const names = roles(roleInput.value);
  if (names.length === 0 || !names.every((name) => ROLE_NAME.test(name))) {
    disarmRole();
    tell(panelStatus, 'Give one or more role names, separated by commas; each of 1 to 32 letters, digits, “_” or “-”.');
    roleInput.focus();
    return;
  }
  const role = names.join(',');
  act($('#save-role'), () => call('POST', '/admin/set-role', { userId: current.id, role }),
    (user) => 'The role of ' + user.email + ' is now “' + role + '”.');
});

$('#close-panel').addEventListener('click', () => {
  disarmAll();
  current = null;
  show(panel, false);
  $('#searchValue').focus();
});

onManage(openUser);
