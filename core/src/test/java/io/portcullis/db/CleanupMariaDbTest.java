package io.portcullis.db;

import io.portcullis.testing.TestDatabase;

class CleanupMariaDbTest extends CleanupContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
