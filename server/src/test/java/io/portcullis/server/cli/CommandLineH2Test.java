package io.portcullis.server.cli;

import io.portcullis.testing.TestDatabase;

class CommandLineH2Test extends CommandLineContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
