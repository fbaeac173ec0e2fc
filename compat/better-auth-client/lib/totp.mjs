import { createHmac } from "node:crypto";

// RFC 6238 with the parameters of authenticator apps: HMAC-SHA1, 6 digits, 30-second steps.
const PERIOD_SECONDS = 30;

/** Decodes RFC 4648 base32 (upper case, padding optional), as in the secret of an otpauth:// URI. */
export function base32Decode(text) {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let bits = 0;
    let value = 0;
    const bytes = [];
    for (const char of text.replace(/=+$/, "").toUpperCase()) {
        const index = alphabet.indexOf(char);
        if (index < 0) throw new Error(`not base32: ${char}`);
        value = (value << 5) | index;
        bits += 5;
        if (bits >= 8) {
            bytes.push((value >>> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return Buffer.from(bytes);
}

/** The code of one 30-second step. */
export function totpCode(secret, step) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(step));
    const hmac = createHmac("sha1", secret).update(counter).digest();
    const offset = hmac[hmac.length - 1] & 0x0f;
    const number = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
    return String(number).padStart(6, "0");
}

export function currentStep(now = Date.now()) {
    return Math.floor(now / 1000 / PERIOD_SECONDS);
}

/**
 * An authenticator app for one secret. Portcullis accepts each step's code once, and the steps
 * around the current one, so the next code is that of the step after the last one used; when that
 * step is too far ahead, the app waits for the clock, as a user would.
 */
export class Authenticator {
    #secret;
    #lastStep = -1;

    constructor(totpURI) {
        const secret = new URL(totpURI).searchParams.get("secret");
        this.#secret = base32Decode(secret);
    }

    async nextCode() {
        let step = Math.max(currentStep(), this.#lastStep + 1);
        while (step > currentStep() + 1) {
            await new Promise((resolve) => setTimeout(resolve, 1000));
            step = Math.max(currentStep(), this.#lastStep + 1);
        }
        this.#lastStep = step;
        return totpCode(this.#secret, step);
    }

    /** A six-digit code that is none of the codes the server could accept now. */
    wrongCode() {
        const now = currentStep();
        const valid = new Set([-1, 0, 1, 2].map((d) => totpCode(this.#secret, now + d)));
        for (let n = 123456; ; n++) if (!valid.has(String(n))) return String(n);
    }
}
