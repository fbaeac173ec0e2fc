package io.portcullis.server.notice;

import io.portcullis.testing.TestDatabase;

class SecurityNoticesH2Test extends SecurityNoticesContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
