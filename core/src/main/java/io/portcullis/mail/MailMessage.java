package io.portcullis.mail;

/**
 * One mail to one recipient, with a plain-text body and, optionally, an HTML one. Bodies may hold
 * links with single-use tokens: {@link #toString()} leaves them out, so the message can be named in
 * logs without leaking them.
 */
public record MailMessage(String to, String subject, String text, String html) {
    @Override
    public String toString() {
        return "MailMessage[to=" + to + ", subject=" + subject + "]";
    }
}
