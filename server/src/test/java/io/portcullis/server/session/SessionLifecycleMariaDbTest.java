package io.portcullis.server.session;

import io.portcullis.testing.TestDatabase;

class SessionLifecycleMariaDbTest extends SessionLifecycleContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
