// Small helpers of the admin console's page: status lines, table cells, badges; text goes in with
// textContent only.
import { describe } from './messages.js';
import { Handled } from './admin-api.js';

/** Shows a sentence in a status line: role=alert for errors, status otherwise (like ui.js `say`). */
export function tell(line, text, kind = 'error') {
  line.textContent = text;
  line.className = 'status ' + kind;
  line.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

/** Says what went wrong, unless the page already moved on. */
export function fail(line, error) {
  if (!(error instanceof Handled)) tell(line, describe(error));
}

export function cell(text, label) {
  const td = document.createElement('td');
  td.textContent = text;
  if (label) td.dataset.label = label;
  return td;
}

export function badge(text, kind) {
  const span = document.createElement('span');
  span.className = 'badge' + (kind ? ' ' + kind : '');
  span.textContent = text;
  return span;
}
