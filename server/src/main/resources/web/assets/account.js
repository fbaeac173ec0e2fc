import { api, currentSession } from './api.js';
import { $, go } from './ui.js';

const session = await currentSession().catch(() => null);
if (!session) {
  go('/sign-in?next=/account');
} else {
  $('#email').textContent = session.user.email;
  $('#who').textContent = session.user.name || session.user.email;
  $('#admin-link').hidden = !(session.user.role ?? '').split(',').map((r) => r.trim()).includes('admin');
}

$('#sign-out').addEventListener('click', async () => {
  await api('POST', '/sign-out', {}).catch(() => null);
  go('/sign-in');
});
