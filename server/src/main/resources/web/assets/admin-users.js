// The admin console's list of users: search, the table of users found, paging. Each row's Manage
// button opens that user in the user panel (which registers itself with `onManage`).
import { $, show } from './ui.js';
import { call, query } from './admin-api.js';
import { badge, cell, fail, tell } from './admin-ui.js';
import { remember } from './admin-events.js';

const PAGE_SIZE = 20;

const search = { searchValue: '', searchField: 'email', offset: 0, total: 0 };

const searchForm = $('#search');
export const searchStatus = $('.status', searchForm);

/** What the Manage button of a user's row does with their id. */
let openUser = () => {};

export function onManage(open) {
  openUser = open;
}

export async function listUsers() {
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
  if (user.lockedUntil) badges.push(badge('Locked', 'danger'));
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
