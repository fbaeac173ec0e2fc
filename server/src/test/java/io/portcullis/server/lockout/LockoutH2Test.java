package io.portcullis.server.lockout;

import io.portcullis.testing.TestDatabase;

class LockoutH2Test extends LockoutContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
