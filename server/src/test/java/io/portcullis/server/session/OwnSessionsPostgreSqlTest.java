package io.portcullis.server.session;

import io.portcullis.testing.TestDatabase;

class OwnSessionsPostgreSqlTest extends OwnSessionsContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
