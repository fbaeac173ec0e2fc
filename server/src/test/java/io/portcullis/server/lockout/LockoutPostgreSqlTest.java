package io.portcullis.server.lockout;

import io.portcullis.testing.TestDatabase;

class LockoutPostgreSqlTest extends LockoutContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
