package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorChallengeMariaDbTest extends TwoFactorChallengeContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
