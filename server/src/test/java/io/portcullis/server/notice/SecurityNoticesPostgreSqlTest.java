package io.portcullis.server.notice;

import io.portcullis.testing.TestDatabase;

class SecurityNoticesPostgreSqlTest extends SecurityNoticesContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
