package io.portcullis.twofactor;

import io.portcullis.testing.TestDatabase;

class SignInChallengeStoreMariaDbTest extends SignInChallengeStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
