package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorTrustAndStoragePostgreSqlTest extends TwoFactorTrustAndStorageContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
