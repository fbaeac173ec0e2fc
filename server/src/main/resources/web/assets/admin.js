// The admin console: find users, look at one (sessions, audit events) and act on them, read the audit
// trail. Only the admin endpoints of the public API; the server decides who is an administrator: the
// first admin call answering 403 YOU_ARE_NOT_ALLOWED_… turns the page into a refusal.
import { api, ApiError, currentSession } from './api.js';
import { $, go, show } from './ui.js';
import { describe } from './messages.js';
import { detailText, device, eventName, roles, when } from './admin-format.js';

const PAGE_SIZE = 20;
const AUDIT_SIZE = 50;
const USER_EVENTS_SIZE = 20;
const CONFIRM_TEXT = 'Click again to confirm';
const SIGN_IN = '/sign-in?next=/admin';

/** Thrown after the page has already reacted to an answer (gone to sign-in, or refused): nothing more to say. */
class Handled extends Error {}

let refused = false;
/** User id → email, for the audit tables; filled from every user the console has seen. */
const emails = new Map();
const search = { searchValue: '', searchField: 'email', offset: 0, total: 0 };
/** The user shown in the panel, as last read. */
let current = null;
const who = () => current?.email ?? 'this user';

// --- talking to the API ---------------------------------------------------------------------------

/** The API, with the two answers that end the console handled once for all: 401 and 403 YOU_ARE_NOT_ALLOWED_…. */
async function call(method, path, body) {
  try {
    return await api(method, path, body);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      go(SIGN_IN);
      throw new Handled();
    }
    if (error instanceof ApiError && error.status === 403 && error.code?.startsWith('YOU_ARE_NOT_ALLOWED')) {
      refuse();
      throw new Handled();
    }
    throw error;
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  return q.toString();
}

// --- small helpers for the page -------------------------------------------------------------------

/** Shows a sentence in a status line: role=alert for errors, status otherwise (like ui.js `say`). */
function tell(line, text, kind = 'error') {
  line.textContent = text;
  line.className = 'status ' + kind;
  line.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

/** Says what went wrong, unless the page already moved on. */
function fail(line, error) {
  if (!(error instanceof Handled)) tell(line, describe(error));
}

function cell(text, label) {
  const td = document.createElement('td');
  td.textContent = text;
  if (label) td.dataset.label = label;
  return td;
}

function badge(text, kind) {
  const span = document.createElement('span');
  span.className = 'badge' + (kind ? ' ' + kind : '');
  span.textContent = text;
  return span;
}

function remember(user) {
  if (user?.id) emails.set(user.id, user.email);
}

function refuse() {
  if (refused) return;
  refused = true;
  show($('#loading'), false);
  show($('#console'), false);
  for (const body of document.querySelectorAll('#console tbody')) body.replaceChildren();
  $('#refusal').textContent = 'Only administrators can use the admin console.';
}

// --- users: search and paging ---------------------------------------------------------------------

const searchForm = $('#search');
const searchStatus = $('.status', searchForm);

async function listUsers() {
  const answer = await call('GET', '/admin/list-users?' + query({
    searchValue: search.searchValue,
    searchField: search.searchField,
    limit: PAGE_SIZE,
    offset: search.offset,
  }));
  search.total = answer.total;
  renderUsers(answer);
}

function statusBadges(user) {
  const badges = [];
  if (user.banned) badges.push(badge('Banned', 'danger'));
  badges.push(user.emailVerified ? badge('Verified') : badge('Not verified', 'muted'));
  if (user.twoFactorEnabled) badges.push(badge('2FA'));
  return badges;
}

function renderUsers(answer) {
  const body = $('#user-table tbody');
  body.replaceChildren();
  for (const user of answer.users) {
    remember(user);
    const tr = document.createElement('tr');
    tr.append(cell(user.email, 'Email'), cell(user.name, 'Name'), cell(user.role, 'Role'));
    const status = cell('', 'Status');
    status.append(...statusBadges(user));
    tr.append(status);
    const action = document.createElement('td');
    const manage = document.createElement('button');
    manage.type = 'button';
    manage.className = 'secondary small';
    manage.textContent = 'Manage';
    manage.setAttribute('aria-label', 'Manage ' + user.email);
    manage.addEventListener('click', () => openUser(user.id));
    action.append(manage);
    tr.append(action);
    body.append(tr);
  }
  const count = answer.users.length;
  show($('#user-table'), count > 0);
  const what = search.searchValue ? ' matching “' + search.searchValue + '”' : '';
  $('#result-count').textContent = answer.total === 0
    ? 'No users found' + what + '.'
    : answer.total + (answer.total === 1 ? ' user' : ' users') + what + '.';
  const paged = answer.total > PAGE_SIZE;
  show($('#pager'), paged);
  if (paged) {
    const first = count === 0 ? answer.offset : answer.offset + 1;
    $('#page-info').textContent = 'Showing ' + first + '–' + (answer.offset + count) + ' of ' + answer.total;
    $('#previous-page').disabled = answer.offset === 0;
    $('#next-page').disabled = answer.offset + count >= answer.total;
  }
}

searchForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('button[type="submit"]', searchForm);
  button.disabled = true;
  tell(searchStatus, '', 'status');
  search.searchValue = $('#searchValue').value.trim();
  search.searchField = $('#searchField').value;
  search.offset = 0;
  try {
    await listUsers();
  } catch (error) {
    fail(searchStatus, error);
  } finally {
    button.disabled = false;
  }
});

async function turnPage(delta) {
  const before = search.offset;
  search.offset = Math.max(0, search.offset + delta);
  try {
    await listUsers();
  } catch (error) {
    search.offset = before;
    fail(searchStatus, error);
  }
}
$('#previous-page').addEventListener('click', () => turnPage(-PAGE_SIZE));
$('#next-page').addEventListener('click', () => turnPage(PAGE_SIZE));

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
  renderLock(events.events);
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

/** Whether the trail says the account is locked: the newest of lock, unlock and successful sign-in is a lock. */
function renderLock(events) {
  const last = events.find((e) => ['account_locked', 'account_unlocked', 'sign_in_success', 'password_reset'].includes(e.type));
  const info = $('#lock-info');
  info.replaceChildren();
  if (last?.type === 'account_locked') {
    info.append(badge('Locked', 'danger'), ' The audit trail shows a lockout until ' + when(last.detail?.lockedUntil)
      + ' (it lifts by itself then). Unlocking lifts it now and forgets the failed attempts.');
  } else {
    info.textContent = 'After too many wrong passwords an account is locked for a while. Unlocking lifts the lock and forgets the failed attempts.';
  }
}

/** Fills an audit table; `withUser` adds the column of the user the event is about. */
async function renderEvents(body, events, withUser) {
  await resolveEmails(events);
  body.replaceChildren();
  for (const e of events) {
    const tr = document.createElement('tr');
    tr.append(cell(when(e.at), 'When'), cell(eventName(e.type), 'Event'));
    if (withUser) tr.append(cell(subject(e), 'User'));
    tr.append(cell(actor(e), 'By'), cell(e.ipAddress || '—', 'IP address'), cell(detailText(e.detail), 'Details'));
    body.append(tr);
  }
}

function nameOf(id) {
  const email = emails.get(id);
  return email === null ? 'a deleted user' : email ?? id;
}

function subject(e) {
  if (e.userId) return nameOf(e.userId);
  if (e.type === 'user_removed') return 'a deleted user';
  return e.detail?.email ?? '—';
}

function actor(e) {
  if (!e.actorId) return e.userAgent === 'portcullis-cli' ? 'Command line' : '—';
  if (e.actorId === e.userId) return 'The user';
  return nameOf(e.actorId);
}

/** Looks up the emails of the users an audit table names that the console has not seen yet. */
async function resolveEmails(events) {
  const unknown = new Set();
  for (const e of events) for (const id of [e.userId, e.actorId]) if (id && !emails.has(id)) unknown.add(id);
  await Promise.all([...unknown].map(async (id) => {
    try {
      remember(await call('GET', '/admin/get-user?' + query({ id })));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'USER_NOT_FOUND') emails.set(id, null);
      else if (error instanceof Handled) throw error;
    }
  }));
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

// --- the audit trail of everyone ------------------------------------------------------------------

const auditStatus = $('#audit-status');

async function loadAudit() {
  const answer = await call('GET', '/admin/audit-events?' + query({ limit: AUDIT_SIZE }));
  await renderEvents($('#audit-table tbody'), answer.events, true);
  show($('#audit-table'), answer.events.length > 0);
  tell(auditStatus, answer.events.length === 0 ? 'No events recorded yet.' : '', 'status');
}

$('#refresh-audit').addEventListener('click', async () => {
  const button = $('#refresh-audit');
  button.disabled = true;
  try {
    await loadAudit();
    tell(auditStatus, 'Events refreshed.', 'status');
  } catch (error) {
    fail(auditStatus, error);
  } finally {
    button.disabled = false;
  }
});

// --- start ----------------------------------------------------------------------------------------

$('#sign-out').addEventListener('click', async () => {
  await api('POST', '/sign-out', {}).catch(() => null);
  go('/sign-in');
});

const session = await currentSession().catch(() => null);
if (!session) {
  go(SIGN_IN);
} else {
  $('#who').textContent = session.user.email;
  remember(session.user);
  // The first admin call decides: a refusal (403) makes the page say so and show nothing else.
  let started = true;
  try {
    await listUsers();
  } catch (error) {
    if (error instanceof Handled) started = false;
    else fail(searchStatus, error);
  }
  if (started && !refused) {
    show($('#loading'), false);
    show($('#console'));
    try {
      await loadAudit();
    } catch (error) {
      fail(auditStatus, error);
    }
  }
}
