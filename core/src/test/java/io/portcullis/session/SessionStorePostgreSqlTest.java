package io.portcullis.session;

import io.portcullis.testing.TestDatabase;

class SessionStorePostgreSqlTest extends SessionStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
