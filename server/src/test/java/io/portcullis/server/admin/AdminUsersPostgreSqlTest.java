package io.portcullis.server.admin;

import io.portcullis.testing.TestDatabase;

class AdminUsersPostgreSqlTest extends AdminUsersContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
