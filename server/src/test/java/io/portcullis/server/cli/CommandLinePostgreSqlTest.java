package io.portcullis.server.cli;

import io.portcullis.testing.TestDatabase;

class CommandLinePostgreSqlTest extends CommandLineContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
