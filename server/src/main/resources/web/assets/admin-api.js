// The admin console talking to the API: the two answers that end the console (401: sign in again;
// 403 YOU_ARE_NOT_ALLOWED_…: the page turns into a refusal) are handled here once for all.
import { api, ApiError } from './api.js';
import { $, go, show } from './ui.js';

export const SIGN_IN = '/sign-in?next=/admin';

/** Thrown after the page has already reacted to an answer (gone to sign-in, or refused): nothing more to say. */
export class Handled extends Error {}

let refused = false;

/** Whether the page has turned into a refusal. */
export function isRefused() {
  return refused;
}

/** The API, with the two answers that end the console handled once for all: 401 and 403 YOU_ARE_NOT_ALLOWED_…. */
export async function call(method, path, body) {
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

export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  return q.toString();
}

function refuse() {
  if (refused) return;
  refused = true;
  show($('#loading'), false);
  show($('#console'), false);
  for (const body of document.querySelectorAll('#console tbody')) body.replaceChildren();
  $('#refusal').textContent = 'Only administrators can use the admin console.';
}
