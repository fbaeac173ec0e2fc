// The one way the pages talk to the server: the public JSON API under basePath, like any client.
// Mutations carry the CSRF token: the XSRF-TOKEN cookie copied into the X-XSRF-TOKEN header.

const BASE = document.querySelector('meta[name="portcullis-base-path"]').content;

/** A refusal from the API: its stable code, its message, and, for 429, the seconds to wait. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

function cookie(name) {
  const prefix = name + '=';
  const found = document.cookie.split('; ').find((c) => c.startsWith(prefix));
  return found ? decodeURIComponent(found.slice(prefix.length)) : null;
}

/**
 * Calls the API and answers its JSON body; throws ApiError for any answer that is not 2xx. A mutation
 * refused for want of a CSRF token (the browser dropped the XSRF-TOKEN cookie, which reloading the page
 * would not bring back) is tried once more with a fresh token. A token that is there but refused means
 * the session changed in another tab: that refusal stands, so that nothing is done as someone else.
 * @param {string} method GET or POST
 * @param {string} path below basePath, such as '/get-session'
 * @param {object} [body] sent as JSON
 */
export async function api(method, path, body) {
  const token = cookie('XSRF-TOKEN');
  try {
    return await call(method, path, body, token);
  } catch (error) {
    if (method === 'GET' || token || error.code !== 'INVALID_CSRF_TOKEN') throw error;
    const fresh = await call('GET', '/csrf');
    if (!fresh?.csrfToken) throw error;
    return call(method, path, body, fresh.csrfToken);
  }
}

async function call(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token && method !== 'GET') headers['X-XSRF-TOKEN'] = token;
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', 'The server cannot be reached.');
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, data?.code ?? 'UNKNOWN', data?.message || response.statusText,
      response.headers.get('Retry-After'));
  }
  return data;
}

/** The signed-in user's session and user, or null. */
export function currentSession() {
  return api('GET', '/get-session');
}
