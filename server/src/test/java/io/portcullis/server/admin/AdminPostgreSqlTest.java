package io.portcullis.server.admin;

import io.portcullis.testing.TestDatabase;

class AdminPostgreSqlTest extends AdminContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
