// What a browser does for a page's fetch requests, and nothing more: it keeps the cookies the
// server sets (one jar per browser) and tells the server which origin the page is on (Origin on
// requests that change something, Sec-Fetch-Site on all). Node's fetch does neither; the Better
// Auth client itself is left as it is.

/** One browser: its own cookie jar, its own sessions. */
export class Browser {
    #origin;
    #pageOrigin;
    #cookies = new Map(); // name -> {value, httpOnly, expires (ms since epoch, or null)}

    /**
     * @param baseURL the server's address
     * @param pageOrigin the origin of the page the client runs on; the server's own by default
     */
    constructor(baseURL, pageOrigin = new URL(baseURL).origin) {
        this.#origin = new URL(baseURL).origin;
        this.#pageOrigin = pageOrigin;
        this.fetch = this.fetch.bind(this);
    }

    /** What a page script sees as document.cookie: the live cookies that are not HttpOnly. */
    get document() {
        const cookie = [...this.#live()]
            .filter(([, c]) => !c.httpOnly)
            .map(([name, c]) => `${name}=${c.value}`)
            .join("; ");
        return { cookie };
    }

    /** The value of a live cookie, or undefined; for assertions (a page cannot read HttpOnly ones). */
    cookie(name) {
        return this.#live().get(name)?.value;
    }

    /** Names of the live cookies. */
    cookieNames() {
        return [...this.#live().keys()];
    }

    /** fetch with the jar: sends the cookies, stores Set-Cookie, adds Origin and Sec-Fetch-Site. */
    async fetch(input, init = {}) {
        const url = new URL(input instanceof Request ? input.url : input);
        const method = (init.method ?? "GET").toUpperCase();
        const headers = new Headers(init.headers);
        // A page on another site gets no SameSite=Lax or Strict cookies on its fetch requests.
        if (url.origin === this.#origin && this.#pageOrigin === this.#origin) {
            const cookie = [...this.#live()].map(([name, c]) => `${name}=${c.value}`).join("; ");
            if (cookie) headers.set("cookie", cookie);
        }
        // Browsers send Origin on every request that is not GET or HEAD, same-origin ones included,
        // and say with Sec-Fetch-Site whether the page that made the request is of the same origin.
        if (method !== "GET" && method !== "HEAD") headers.set("origin", this.#pageOrigin);
        headers.set("sec-fetch-site", this.#pageOrigin === this.#origin ? "same-origin" : "cross-site");
        headers.set("sec-fetch-mode", "cors");
        const response = await fetch(url, { method, headers, body: init.body, signal: init.signal, redirect: "manual" });
        if (url.origin === this.#origin) this.#store(response.headers.getSetCookie());
        return response;
    }

    #live() {
        const now = Date.now();
        for (const [name, c] of this.#cookies) if (c.expires !== null && c.expires <= now) this.#cookies.delete(name);
        return this.#cookies;
    }

    // RFC 6265 in the small: Max-Age wins over Expires; a past expiry (Max-Age=0) deletes the cookie.
    #store(setCookies) {
        for (const line of setCookies) {
            const [pair, ...attributes] = line.split(";");
            const eq = pair.indexOf("=");
            const name = pair.slice(0, eq).trim();
            const value = pair.slice(eq + 1).trim();
            let expires = null;
            let maxAge = null;
            let httpOnly = false;
            for (const attribute of attributes) {
                const [key, ...rest] = attribute.split("=");
                const k = key.trim().toLowerCase();
                const v = rest.join("=").trim();
                if (k === "max-age") maxAge = Number.parseInt(v, 10);
                else if (k === "expires") expires = Date.parse(v);
                else if (k === "httponly") httpOnly = true;
            }
            if (maxAge !== null && !Number.isNaN(maxAge)) expires = Date.now() + maxAge * 1000;
            if (expires !== null && expires <= Date.now()) this.#cookies.delete(name);
            else this.#cookies.set(name, { value, httpOnly, expires });
        }
    }
}
