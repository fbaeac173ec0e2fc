package io.portcullis.session;

import io.portcullis.testing.TestDatabase;

class SessionStoreH2Test extends SessionStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
