package io.portcullis.server.admin;

import io.portcullis.testing.TestDatabase;

class AdminUsersH2Test extends AdminUsersContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
