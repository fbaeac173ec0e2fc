package io.portcullis.twofactor;

import io.portcullis.testing.TestDatabase;

class SignInChallengeStorePostgreSqlTest extends SignInChallengeStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
