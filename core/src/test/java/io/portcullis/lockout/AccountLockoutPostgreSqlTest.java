package io.portcullis.lockout;

import io.portcullis.testing.TestDatabase;

class AccountLockoutPostgreSqlTest extends AccountLockoutContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
