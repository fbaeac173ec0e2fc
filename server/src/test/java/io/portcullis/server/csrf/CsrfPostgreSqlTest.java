package io.portcullis.server.csrf;

import io.portcullis.testing.TestDatabase;

class CsrfPostgreSqlTest extends CsrfContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
