package io.portcullis.server.session;

import io.portcullis.testing.TestDatabase;

class SessionLimitMariaDbTest extends SessionLimitContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
