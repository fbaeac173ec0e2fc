package io.portcullis.server.admin;

import io.portcullis.testing.TestDatabase;

class AdminMariaDbTest extends AdminContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
