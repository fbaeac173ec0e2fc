package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorPostgreSqlTest extends TwoFactorContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
