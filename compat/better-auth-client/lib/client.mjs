import { createAuthClient } from "better-auth/client";
import { adminClient, twoFactorClient } from "better-auth/client/plugins";
import { Browser } from "./browser.mjs";

// run.sh starts the server and passes its address and the administrator it created.
export const baseURL = process.env.COMPAT_BASE_URL;
if (!baseURL) throw new Error("COMPAT_BASE_URL is not set: run the suite with run.sh");
export const admin = { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD };

/**
 * The official client, as an application creates it, in a browser of its own. The only addition an
 * application makes for Portcullis is `onRequest`, which copies the XSRF-TOKEN cookie into the
 * X-XSRF-TOKEN header (docs/better-auth-compatibility.md). `customFetchImpl` stands in for the
 * browser (cookies, Origin) and is not part of what an application writes.
 *
 * @param {{csrfHook?: boolean, onTwoFactorRedirect?: Function, pageOrigin?: string}} options
 *     csrfHook: false leaves the hook out, to show what happens without it; pageOrigin: the origin
 *     of the page the client runs on, when it is not the server's
 */
export function newBrowserClient({ csrfHook = true, onTwoFactorRedirect, pageOrigin } = {}) {
    const browser = new Browser(baseURL, pageOrigin);
    const document = () => browser.document; // the page's document.cookie
    const client = createAuthClient({
        baseURL,
        plugins: [twoFactorClient({ onTwoFactorRedirect }), adminClient()],
        fetchOptions: {
            customFetchImpl: browser.fetch,
            ...(csrfHook && {
                onRequest(context) {
                    const token = document().cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/)?.[1];
                    if (token) context.headers.set("X-XSRF-TOKEN", decodeURIComponent(token));
                },
            }),
        },
    });
    return { client, browser };
}

let counter = 0;

/** A fresh address and a password that the default policy (12+ characters, zxcvbn 3) accepts. */
export function newUser(label = "user") {
    counter += 1;
    const unique = `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
    return {
        name: `Compat ${label} ${counter}`,
        email: `${label}-${unique}@example.com`,
        password: `plum orbit ${unique} lantern`,
    };
}

/** A new browser with a new account, signed in by sign-up. */
export async function signedUpBrowser(label) {
    const user = newUser(label);
    const { client, browser } = newBrowserClient();
    const { data, error } = await client.signUp.email(user);
    if (error) throw new Error(`sign-up failed: ${error.status} ${error.code} ${error.message}`);
    return { client, browser, user: { ...user, id: data.user.id } };
}
