package io.portcullis.server.session;

import io.portcullis.testing.TestDatabase;

class SessionLifecyclePostgreSqlTest extends SessionLifecycleContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
