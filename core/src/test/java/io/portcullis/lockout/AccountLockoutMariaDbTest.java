package io.portcullis.lockout;

import io.portcullis.testing.TestDatabase;

class AccountLockoutMariaDbTest extends AccountLockoutContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
