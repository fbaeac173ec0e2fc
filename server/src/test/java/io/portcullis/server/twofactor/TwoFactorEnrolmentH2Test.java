package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorEnrolmentH2Test extends TwoFactorEnrolmentContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
