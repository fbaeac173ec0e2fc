package io.portcullis.db;

import io.portcullis.testing.TestDatabase;

class CleanupPostgreSqlTest extends CleanupContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
