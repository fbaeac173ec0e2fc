package io.portcullis.server.session;

import io.portcullis.testing.TestDatabase;

class SessionLimitH2Test extends SessionLimitContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
