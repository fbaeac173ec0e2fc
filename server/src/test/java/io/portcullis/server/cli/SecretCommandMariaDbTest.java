package io.portcullis.server.cli;

import io.portcullis.testing.TestDatabase;

class SecretCommandMariaDbTest extends SecretCommandContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
