package io.portcullis.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorStoreMariaDbTest extends TwoFactorStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
