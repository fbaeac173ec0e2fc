package io.portcullis.server.account;

import io.portcullis.testing.TestDatabase;

class AccountChangesPostgreSqlTest extends AccountChangesContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
