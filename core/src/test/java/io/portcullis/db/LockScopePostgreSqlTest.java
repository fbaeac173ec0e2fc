package io.portcullis.db;

import io.portcullis.testing.TestDatabase;

class LockScopePostgreSqlTest extends LockScopeContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
