package io.portcullis.db;

import io.portcullis.testing.TestDatabase;

class LockScopeMariaDbTest extends LockScopeContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
