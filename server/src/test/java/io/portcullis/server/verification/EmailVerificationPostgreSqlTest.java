package io.portcullis.server.verification;

import io.portcullis.testing.TestDatabase;

class EmailVerificationPostgreSqlTest extends EmailVerificationContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
