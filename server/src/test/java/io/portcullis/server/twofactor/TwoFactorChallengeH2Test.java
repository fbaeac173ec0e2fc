package io.portcullis.server.twofactor;

import io.portcullis.testing.TestDatabase;

class TwoFactorChallengeH2Test extends TwoFactorChallengeContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
