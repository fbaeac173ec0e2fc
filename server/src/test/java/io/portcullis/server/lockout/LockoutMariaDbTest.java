package io.portcullis.server.lockout;

import io.portcullis.testing.TestDatabase;

class LockoutMariaDbTest extends LockoutContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
