// Audit events in a table, as the admin console shows them (a user's own and everyone's): the users
// they name are shown by email, from every user the console has seen or looked up.
import { ApiError } from './api.js';
import { Handled, call, query } from './admin-api.js';
import { cell } from './admin-ui.js';
import { detailText, eventName, when } from './admin-format.js';

/** User id → email, for the audit tables; filled from every user the console has seen. */
const emails = new Map();

export function remember(user) {
  if (user?.id) emails.set(user.id, user.email);
}

/** Fills an audit table; `withUser` adds the column of the user the event is about. */
export async function renderEvents(body, events, withUser) {
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
