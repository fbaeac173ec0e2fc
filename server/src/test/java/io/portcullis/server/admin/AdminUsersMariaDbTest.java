package io.portcullis.server.admin;

import io.portcullis.testing.TestDatabase;

class AdminUsersMariaDbTest extends AdminUsersContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
