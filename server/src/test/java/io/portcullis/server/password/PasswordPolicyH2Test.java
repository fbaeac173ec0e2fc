package io.portcullis.server.password;

import io.portcullis.testing.TestDatabase;

class PasswordPolicyH2Test extends PasswordPolicyContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
