package io.portcullis.twofactor;

import io.portcullis.testing.TestDatabase;

class SignInChallengeStoreH2Test extends SignInChallengeStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
