package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorH2Test extends TwoFactorContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
