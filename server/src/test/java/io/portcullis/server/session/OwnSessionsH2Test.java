package io.portcullis.server.session;

import io.portcullis.testing.TestDatabase;

class OwnSessionsH2Test extends OwnSessionsContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
