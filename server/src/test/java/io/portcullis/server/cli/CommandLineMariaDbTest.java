package io.portcullis.server.cli;

import io.portcullis.testing.TestDatabase;

class CommandLineMariaDbTest extends CommandLineContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
