package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorMariaDbTest extends TwoFactorContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
