package io.portcullis.server.admin;

import io.portcullis.testing.TestDatabase;

class AdminH2Test extends AdminContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
