package io.portcullis.server.session;

import io.portcullis.testing.TestDatabase;

class SessionLifecycleH2Test extends SessionLifecycleContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
