package io.portcullis.server.forwardauth;

import io.portcullis.testing.TestDatabase;

class ForwardAuthMariaDbTest extends ForwardAuthContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
