package io.portcullis.server.cli;

import io.portcullis.testing.TestDatabase;

class SecretCommandH2Test extends SecretCommandContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
