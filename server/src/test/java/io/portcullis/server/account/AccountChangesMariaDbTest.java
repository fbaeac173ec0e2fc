package io.portcullis.server.account;

import io.portcullis.testing.TestDatabase;

class AccountChangesMariaDbTest extends AccountChangesContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
