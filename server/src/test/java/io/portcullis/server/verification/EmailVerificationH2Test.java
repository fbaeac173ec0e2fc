package io.portcullis.server.verification;

import io.portcullis.testing.TestDatabase;

class EmailVerificationH2Test extends EmailVerificationContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
