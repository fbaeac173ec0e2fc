// The admin console's audit trail of everyone: the latest events of all users, newest first.
import { $, show } from './ui.js';
import { call, query } from './admin-api.js';
import { fail, tell } from './admin-ui.js';
import { renderEvents } from './admin-events.js';

const AUDIT_SIZE = 50;

export const auditStatus = $('#audit-status');

export async function loadAudit() {
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
