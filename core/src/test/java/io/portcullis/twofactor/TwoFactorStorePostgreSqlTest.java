package io.portcullis.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorStorePostgreSqlTest extends TwoFactorStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
