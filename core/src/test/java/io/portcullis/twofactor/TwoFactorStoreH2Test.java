package io.portcullis.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorStoreH2Test extends TwoFactorStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
