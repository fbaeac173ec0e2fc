package io.portcullis.server.password;

import io.portcullis.testing.TestDatabase;

class PasswordResetH2Test extends PasswordResetContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
