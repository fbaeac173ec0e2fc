package io.portcullis.server.cli;

import io.portcullis.testing.TestDatabase;

class SecretCommandPostgreSqlTest extends SecretCommandContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
