// The admin console: find users, look at one (sessions, audit events) and act on them, read the audit
// trail. Only the admin endpoints of the public API; the server decides who is an administrator: the
// first admin call answering 403 YOU_ARE_NOT_ALLOWED_… turns the page into a refusal.
// This entry checks the session and starts the console; the parts live in their own modules:
// admin-users.js (search, table, paging), admin-user-panel.js (one user and the actions on them),
// admin-audit.js (everyone's latest events).
import { currentSession } from './api.js';
import { $, go, show, signOut } from './ui.js';
import { Handled, SIGN_IN, isRefused } from './admin-api.js';
import { fail } from './admin-ui.js';
import { remember } from './admin-events.js';
import { listUsers, searchStatus } from './admin-users.js';
import './admin-user-panel.js';
import { auditStatus, loadAudit } from './admin-audit.js';

$('#sign-out').addEventListener('click', signOut);

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
  if (started && !isRefused()) {
    show($('#loading'), false);
    show($('#console'));
    try {
      await loadAudit();
    } catch (error) {
      fail(auditStatus, error);
    }
  }
}
