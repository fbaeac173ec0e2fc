package io.portcullis.twofactor;

import io.portcullis.testing.TestDatabase;

class ServerSecretCheckH2Test extends ServerSecretCheckContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
