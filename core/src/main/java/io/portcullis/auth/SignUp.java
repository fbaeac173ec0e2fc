package io.portcullis.auth;

/** A sign-up request, already checked for shape by the caller. */
public record SignUp(String name, String email, String password, String image, boolean rememberMe) {
    @Override
    public String toString() {
        return "SignUp[email=" + email + "]";
    }
}
