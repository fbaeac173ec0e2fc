import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

// The server runs with mail.transport=log (run.sh): each mail is a log entry, "mail (mail.transport=log)
// to ADDRESS, subject "SUBJECT":" followed by its text up to the next log entry. run.sh passes the
// log's path; reading it is what a person does who opens the mail.
const logPath = process.env.COMPAT_SERVER_LOG;
if (!logPath) throw new Error("COMPAT_SERVER_LOG is not set: run the suite with run.sh");

const ENTRY = /^\d{4}-\d{2}-\d{2}T\S+ +(TRACE|DEBUG|INFO|WARN|ERROR) /;

/** The mails sent to `address` so far, oldest first: {subject, text}. */
async function mailsTo(address) {
    const lines = (await readFile(logPath, "utf8")).split("\n");
    const mails = [];
    const header = `mail (mail.transport=log) to ${address}, subject "`;
    for (let i = 0; i < lines.length; i++) {
        const at = lines[i].indexOf(header);
        if (at < 0 || !ENTRY.test(lines[i])) continue;
        const subject = lines[i].slice(at + header.length).replace(/":$/, "");
        const body = [];
        for (let j = i + 1; j < lines.length && !ENTRY.test(lines[j]); j++) body.push(lines[j]);
        mails.push({ subject, text: body.join("\n") });
    }
    return mails;
}

/**
 * The link of the newest mail to `address` whose subject contains `subject`, once it has arrived (mail
 * leaves on a thread of its own): waits up to 5 s, and fails with what arrived meanwhile.
 */
export async function linkInMail(address, subject) {
    const deadline = Date.now() + 5000;
    for (;;) {
        const mail = (await mailsTo(address)).reverse().find((m) => m.subject.includes(subject));
        const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
        if (link) return new URL(link);
        if (Date.now() > deadline) {
            throw new Error(`no mail "${subject}" to ${address}; mails to it: ${JSON.stringify(await mailsTo(address))}`);
        }
        await sleep(50);
    }
}
