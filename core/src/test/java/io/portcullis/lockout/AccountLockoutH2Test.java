package io.portcullis.lockout;

import io.portcullis.testing.TestDatabase;

class AccountLockoutH2Test extends AccountLockoutContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
