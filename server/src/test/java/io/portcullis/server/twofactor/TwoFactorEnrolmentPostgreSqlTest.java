package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorEnrolmentPostgreSqlTest extends TwoFactorEnrolmentContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
