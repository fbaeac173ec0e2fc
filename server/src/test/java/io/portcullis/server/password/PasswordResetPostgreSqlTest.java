package io.portcullis.server.password;

import io.portcullis.testing.TestDatabase;

class PasswordResetPostgreSqlTest extends PasswordResetContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
