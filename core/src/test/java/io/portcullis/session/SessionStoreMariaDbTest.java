package io.portcullis.session;

import io.portcullis.testing.TestDatabase;

class SessionStoreMariaDbTest extends SessionStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
