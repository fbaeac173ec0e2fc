package io.portcullis.user;

/** A user with the Argon2id (or imported) hash of their password; {@code passwordHash} is null when none is set. */
public record Credential(User user, String passwordHash) {}
