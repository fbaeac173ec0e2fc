package io.portcullis.auth;

/** A sign-up request, already checked for shape (and its {@code callbackURL} for safety) by the caller. */
public record SignUp(String name, String email, String password, String image, boolean rememberMe, String callbackUrl) {
    @Override
    public String toString() {
        return "SignUp[email=" + email + "]";
    }
}
