package io.portcullis.server.password;

import io.portcullis.testing.TestDatabase;

class PasswordResetMariaDbTest extends PasswordResetContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
