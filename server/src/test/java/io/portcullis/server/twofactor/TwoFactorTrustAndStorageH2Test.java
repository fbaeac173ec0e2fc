package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorTrustAndStorageH2Test extends TwoFactorTrustAndStorageContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
