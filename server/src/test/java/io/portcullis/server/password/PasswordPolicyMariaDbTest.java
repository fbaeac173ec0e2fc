package io.portcullis.server.password;

import io.portcullis.testing.TestDatabase;

class PasswordPolicyMariaDbTest extends PasswordPolicyContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
