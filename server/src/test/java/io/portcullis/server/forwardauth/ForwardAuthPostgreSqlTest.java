package io.portcullis.server.forwardauth;

import io.portcullis.testing.TestDatabase;

class ForwardAuthPostgreSqlTest extends ForwardAuthContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
