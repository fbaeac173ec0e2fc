package io.portcullis.server.account;

import io.portcullis.testing.TestDatabase;

class AccountChangesH2Test extends AccountChangesContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
