package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorTrustAndStorageMariaDbTest extends TwoFactorTrustAndStorageContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
