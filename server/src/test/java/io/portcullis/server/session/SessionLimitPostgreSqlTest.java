package io.portcullis.server.session;

import io.portcullis.testing.TestDatabase;

class SessionLimitPostgreSqlTest extends SessionLimitContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
