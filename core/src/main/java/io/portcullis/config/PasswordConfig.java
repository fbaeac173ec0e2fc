package io.portcullis.config;

/** Password length bounds, in Unicode code points after NFKC normalisation. */
public record PasswordConfig(int minLength, int maxLength) {
    public static final int DEFAULT_MIN_LENGTH = 12;
    public static final int DEFAULT_MAX_LENGTH = 128;
}
